package uk.lifeline.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodeDigitsTest {

    private static final String A = "73943333457189043313";
    private static final String B = "12345678901234567890";
    private static final String C = "09876543210987654321";

    static Stream<Arguments> written() {
        return Stream.of(
                Arguments.of(A, List.of(A)),
                Arguments.of("7394 3333 4571 8904 3313", List.of(A)),
                Arguments.of("7394-3333-4571-8904-3313", List.of(A)),
                Arguments.of(A + B, List.of(A, B)),
                Arguments.of(" " + A + "\t" + B + "\n" + C + " ", List.of(A, B, C)));
    }

    @ParameterizedTest
    @MethodSource("written")
    void aCodeSplitsIntoItsTwentyDigitBlocksInOrderWhateverTheSeparators(String digits, List<String> blocks) {
        assertThat(CodeDigits.blocks(digits)).isEqualTo(blocks);
    }

    @ParameterizedTest
    @MethodSource("badLengths")
    void aLengthThatIsNotWholeBlocksIsRefusedWithTheLengthFound(String digits, int length) {
        assertThatThrownBy(() -> CodeDigits.blocks(digits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a code is 20, 40 or 60 digits; got " + length);
    }

    static Stream<Arguments> badLengths() {
        return Stream.of(
                Arguments.of("", 0),
                Arguments.of(" - ", 0),
                Arguments.of(A.substring(1), 19),
                Arguments.of(A + "1", 21));
    }

    @Test
    void theBlocksCannotBeChanged() {
        assertThatThrownBy(() -> CodeDigits.blocks(A).add(B)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> CodeDigits.blocks(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theWindowIsTheGbcsOneAndABlockIsAUtrn() {
        assertThat(CodeLayout.COUNTER_WINDOW).isEqualTo(512);
        assertThat(CodeLayout.COUNTER_WINDOW_BELOW).isEqualTo(511);
        assertThat(CodeLayout.BLOCK_DIGITS).isEqualTo(20);
    }

    @Test
    void aBlockIsTwentyAsciiDigitsEndingInItsCheckDigitAndEachFaultIsNamed() {
        assertThat(CodeDigits.fault(A)).isEmpty();
        assertThat(CodeDigits.fault(A.substring(1))).contains(CodeDigits.BlockFault.WRONG_LENGTH);
        assertThat(CodeDigits.fault(A + "0")).contains(CodeDigits.BlockFault.WRONG_LENGTH);
        assertThat(CodeDigits.fault("")).contains(CodeDigits.BlockFault.WRONG_LENGTH);
        assertThat(CodeDigits.fault(A.substring(0, 19) + "\u0663")).contains(CodeDigits.BlockFault.NOT_DIGITS);
        assertThat(CodeDigits.fault("7394333345718904331x")).contains(CodeDigits.BlockFault.NOT_DIGITS);
        String swapped = A.charAt(1) + "" + A.charAt(0) + A.substring(2);
        assertThat(CodeDigits.fault(swapped)).contains(CodeDigits.BlockFault.WRONG_CHECK_DIGIT);
        for (int at = 0; at < A.length(); at++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != A.charAt(at)) {
                    String typo = A.substring(0, at) + d + A.substring(at + 1);
                    assertThat(CodeDigits.fault(typo)).as(typo).contains(CodeDigits.BlockFault.WRONG_CHECK_DIGIT);
                }
            }
        }
    }
}
