package uk.lifeline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = JsonReader.parse(" {\"a\": [1, -2.50, 3e2, true, false, null, \"x\"], \"b\": {}, \"c\": []} ");
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        assertThat(object.keySet()).containsExactly("a", "b", "c");
        @SuppressWarnings("unchecked")
        List<Object> array = (List<Object>) object.get("a");
        assertThat(array)
                .containsExactly(
                        new BigDecimal("1"), new BigDecimal("-2.50"), new BigDecimal("3e2"), true, false, null, "x");
        assertThat(object.get("b")).isEqualTo(Collections.emptyMap());
        assertThat(object.get("c")).isEqualTo(Collections.emptyList());
    }

    @Test
    void numbersKeepEveryDigitAsWritten() {
        assertThat(JsonReader.parse("24.862")).isEqualTo(new BigDecimal("24.862"));
        assertThat(JsonReader.parse("0.10")).isEqualTo(new BigDecimal("0.10"));
        assertThat(JsonReader.parse("12345678901234567890.123456789"))
                .isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    }

    @Test
    void stringsTakeEveryEscape() {
        assertThat(JsonReader.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u2019\""))
                .isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9\u2019");
        assertThat(JsonReader.parse("\"£ ’\"")).isEqualTo("£ ’");
    }

    @Test
    void resultsCannotBeChanged() {
        Map<?, ?> object = (Map<?, ?>) JsonReader.parse("{\"a\": [1]}");
        assertThatThrownBy(() -> object.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) object.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> badJson() {
        return Stream.of(
                Arguments.of("", 0, "expected a value"),
                Arguments.of("{", 1, "expected a string key"),
                Arguments.of("{\"a\" 1}", 5, "expected ':'"),
                Arguments.of("{\"a\": 1,}", 8, "expected a string key"),
                Arguments.of("{\"a\": 1, \"a\": 2}", 9, "a key not given before"),
                Arguments.of("[1 2]", 3, "expected ']'"),
                Arguments.of("[1,]", 3, "expected a value"),
                Arguments.of("01", 1, "expected end of input"),
                Arguments.of("-", 1, "expected a digit"),
                Arguments.of("1.", 2, "a digit after the decimal point"),
                Arguments.of("1e", 2, "a digit in the exponent"),
                Arguments.of(".5", 0, "expected a value"),
                Arguments.of("NaN", 0, "expected a value"),
                Arguments.of("tru", 0, "expected a value"),
                Arguments.of("\"abc", 4, "a closing quote"),
                Arguments.of("\"a\nb\"", 2, "no control character"),
                Arguments.of("\"\\x\"", 2, "one of"),
                Arguments.of("\"\\u12g4\"", 5, "four hex digits"),
                Arguments.of("\"\\u12", 3, "four hex digits"),
                Arguments.of("{} []", 3, "expected end of input"),
                Arguments.of("1e999999999999", 0, "a number a decimal can hold"));
    }

    @ParameterizedTest
    @MethodSource("badJson")
    void badJsonIsRefusedSayingWhatAndWhere(String text, int index, String message) {
        assertThatThrownBy(() -> JsonReader.parse(text))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((JsonParseException) e).index()).isEqualTo(index));
    }

    @Test
    void theErrorEchoesOnlyAShortPieceOfOneLine() {
        String text = "{\"tariff\": oops, \"secret\": \"a very long value that should not be echoed\"}";
        assertThatThrownBy(() -> JsonReader.parse(text))
                .hasMessage("expected a value at index 11 near 'oops, \"secret\": \"a v'");
        assertThatThrownBy(() -> JsonReader.parse("[x\n1]")).hasMessage("expected a value at index 1 near 'x'");
    }

    @Test
    void nestingIsLimited() {
        String deep = String.join("", Collections.nCopies(JsonReader.MAX_DEPTH + 2, "["));
        assertThatThrownBy(() -> JsonReader.parse(deep)).hasMessageContaining("levels of nesting");
        String fine = String.join("", Collections.nCopies(JsonReader.MAX_DEPTH, "["))
                + String.join("", Collections.nCopies(JsonReader.MAX_DEPTH, "]"));
        assertThat(JsonReader.parse(fine)).isInstanceOf(List.class);
    }

    @Test
    void nullTextIsRefused() {
        assertThatThrownBy(() -> JsonReader.parse(null)).isInstanceOf(NullPointerException.class);
        assertThat(Arrays.asList(JsonReader.parse("null"))).containsExactly((Object) null);
    }
}
