package uk.lifeline.backend.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/** The one text rule, character by character. */
class TextRuleTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("\u0000", "control character U+0000 at position 0"),
                Arguments.of("ab\r", "control character U+000D at position 2"),
                Arguments.of("\u001b[2J", "control character U+001B at position 0"),
                Arguments.of("x\u007f", "control character U+007F at position 1"),
                Arguments.of("\u0085", "control character U+0085 at position 0"),
                Arguments.of("\u009f", "control character U+009F at position 0"),
                Arguments.of("a\ud800", "unpaired surrogate U+D800 at position 1"),
                Arguments.of("\udc00a", "unpaired surrogate U+DC00 at position 0"),
                Arguments.of("\ufffe", "noncharacter U+FFFE at position 0"),
                Arguments.of("\uffff", "noncharacter U+FFFF at position 0"),
                Arguments.of("\ufdd0", "noncharacter U+FDD0 at position 0"),
                Arguments.of("\ud83f\udffe", "noncharacter U+1FFFE at position 0"),
                Arguments.of("\udbff\udfff", "noncharacter U+10FFFF at position 0"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesControlsUnpairedSurrogatesAndNoncharactersSayingWhere(String text, String fault) {
        assertThat(TextRule.fault(text)).isEqualTo(fault);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "tab\there",
                "two\nlines",
                "dŵr a thŷ",
                "Ærøskøbing",
                "\u00a0nbsp",
                "\ud83d\ude00",
                "\ufdcf\ufdf0\ufffd",
                "\u2028"
            })
    void acceptsTabNewlineAndEveryScript(String text) {
        assertThat(TextRule.fault(text)).isNull();
    }

    @Test
    void aRefusalIsInvalidTextNamingTheField() {
        assertThatThrownBy(() -> TextRule.require("reason", "a\u0000"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_TEXT);
                    assertThat(e.fields().get(0).field()).isEqualTo("reason");
                });
        assertThat(TextRule.require("reason", "fine")).isEqualTo("fine");
        assertThat(TextRule.fault(null)).isNull();
    }
}
