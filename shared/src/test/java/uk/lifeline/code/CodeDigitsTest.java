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
}
