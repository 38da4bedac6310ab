package uk.lifeline.app.entry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeCheckTest {

    /** The first known GBCS UTRN, and variants with one typo each. */
    @ParameterizedTest
    @CsvSource({
        "7394 3333 4571 8904 3313, LOOKS_RIGHT, 20, 0",
        "7394-3333-4571-8904-3313 / 7394 3333 4571 8904 3313, LOOKS_RIGHT, 40, 0",
        "7394 3333 4571 8904 3314, WRONG_DIGIT, 20, 1",
        "7394 3333 4517 8904 3313, WRONG_DIGIT, 20, 1",
        "7394 3333 4571 8904 3313 7394 3333 4571 8904 3331, WRONG_DIGIT, 40, 2",
        "7394 3333 4571 8904 331, WRONG_LENGTH, 19, 0",
        "7394 3333 4571 8904 3313 7, WRONG_LENGTH, 21, 0",
        "'', WRONG_LENGTH, 0, 0",
    })
    void catchesTyposBeforeTheMeterDoes(String typed, CodeCheck.Kind kind, int digits, int block) {
        assertThat(CodeCheck.check(typed)).isEqualTo(new CodeCheck.Finding(kind, digits, block));
    }
}
