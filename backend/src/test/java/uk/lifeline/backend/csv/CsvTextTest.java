package uk.lifeline.backend.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvTextTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(List.of("a", "b"), "a,b\r\n"),
                Arguments.of(Arrays.asList("a", null, ""), "a,,\r\n"),
                Arguments.of(List.of("Flat 3, 41 Harbour Street"), "\"Flat 3, 41 Harbour Street\"\r\n"),
                Arguments.of(List.of("say \"hi\""), "\"say \"\"hi\"\"\"\r\n"),
                Arguments.of(List.of("two\nlines"), "\"two\nlines\"\r\n"),
                Arguments.of(List.of("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"\r\n"),
                Arguments.of(List.of("+44", "-1", "@sum"), "'+44,'-1,'@sum\r\n"));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void writesRfc4180LinesThatASpreadsheetWillNotRun(List<String> fields, String line) {
        assertThat(CsvText.line(fields)).isEqualTo(line);
    }

    @Test
    void readsQuotedFieldsCrlfAndLfAndSkipsBlankLines() {
        String text = "deviceId,note\r\n00DB1234567800E1,\"quoted, \"\"with\"\" comma\"\n\n,\"two\r\nlines\"\n";
        assertThat(CsvText.records(text))
                .containsExactly(
                        List.of("deviceId", "note"),
                        List.of("00DB1234567800E1", "quoted, \"with\" comma"),
                        List.of("", "two\r\nlines"));
    }

    @Test
    void readsALastLineWithoutANewline() {
        assertThat(CsvText.records("a,b\n1,2")).containsExactly(List.of("a", "b"), List.of("1", "2"));
        assertThat(CsvText.records("")).isEmpty();
    }

    @Test
    void refusesAQuoteLeftOpenNamingItsLine() {
        assertThatThrownBy(() -> CsvText.records("a\nb\n\"c\nd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
    }
}
