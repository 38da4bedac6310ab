package uk.lifeline.backend.commissioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

class InstallCodeTest {

    /** The ZigBee specification's example install code and its CRC, as printed (CRC bytes least significant first). */
    private static final String ZIGBEE_EXAMPLE = "83FED3407A939723A5C639B26916D505C3B5";

    static Stream<Arguments> validCodes() {
        return Stream.of(
                Arguments.of(ZIGBEE_EXAMPLE, "83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B5"),
                Arguments.of(
                        "83fe d340 7a93 9723 a5c6 39b2 6916 d505 c3b5", "83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B5"),
                Arguments.of(
                        "83FE-D340-7A93-9723-A5C6-39B2-6916-D505-C3B5",
                        "83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B5"));
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void acceptsTheZigbeeExampleHoweverItIsSpaced(String text, String grouped) {
        assertThat(InstallCode.parse(text).grouped()).isEqualTo(grouped);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 8, 12, 16})
    void everyCodeLengthWithItsCrcIsAccepted(int length) {
        byte[] code = new byte[length];
        for (int i = 0; i < length; i++) {
            code[i] = (byte) (i * 37 + 5);
        }
        InstallCode made = InstallCode.withCrc(code);
        assertThat(InstallCode.parse(made.grouped()).grouped()).isEqualTo(made.grouped());
        assertThat(made.grouped().replace(" ", "")).hasSize(2 * length + 4);
    }

    @Test
    void theCrcIsX25OverTheCodeBytes() {
        byte[] code = HexFormat.of().parseHex("83FED3407A939723A5C639B26916D505");
        assertThat(InstallCode.crc(code, code.length)).isEqualTo(0xB5C3);
        // CRC-16/X-25's check value, over the ASCII digits 1 to 9.
        assertThat(InstallCode.crc("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 9))
                .isEqualTo(0x906E);
    }

    static Stream<Arguments> invalidCodes() {
        return Stream.of(
                Arguments.of(null, "hex digits"),
                Arguments.of("", "hex digits"),
                Arguments.of("83FED3407A939723A5C639B26916D505C3BZ", "hex digits"),
                Arguments.of("83FED3407A939723A5C639B26916D505C3B", "not 35"),
                Arguments.of("83FED3407A939723A5C639B26916D505", "not 32"),
                Arguments.of("83FED3407A939723A5C639B26916D505C3B6", "CRC"),
                Arguments.of("93FED3407A939723A5C639B26916D505C3B5", "CRC"));
    }

    @ParameterizedTest
    @MethodSource("invalidCodes")
    void refusesMistypedCodesSayingWhyWithoutEchoingThem(String text, String why) {
        assertThatThrownBy(() -> InstallCode.parse(text))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_INSTALL_CODE);
                    assertThat(e.fields().get(0).field()).isEqualTo("installCode");
                })
                .hasMessageContaining(why)
                .hasMessageNotContaining("D340");
    }

    @Test
    void neverShowsTheCodeAsText() {
        assertThat(InstallCode.parse(ZIGBEE_EXAMPLE).toString())
                .doesNotContain("83")
                .contains("withheld");
        assertThatThrownBy(() -> InstallCode.withCrc(new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }
}
