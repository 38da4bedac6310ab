package uk.lifeline.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Eui64Test {

    @Test
    void sixteenHexDigitsParseWithTheSeparatorsPeopleTypeAndPrintAsSixteenUpperCaseDigits() {
        assertThat(Eui64.parse("00db1234567890a0").toString()).isEqualTo("00DB1234567890A0");
        assertThat(Eui64.parse("00-DB-12-34-56-78-90-A0")).isEqualTo(Eui64.parse("00DB1234567890A0"));
        assertThat(Eui64.parse("00:db:12:34 56:78:90:a0")).isEqualTo(Eui64.parse("00DB1234567890A0"));
        assertThat(Eui64.parse("0000000000000001").toString()).isEqualTo("0000000000000001");
        assertThat(Eui64.parse("FFFFFFFFFFFFFFFF").value()).isEqualTo(-1L);
        assertThat(new Eui64(-1L).toString()).isEqualTo("FFFFFFFFFFFFFFFF");
        assertThat(new Eui64(0x90B3D51F30010000L).toString()).isEqualTo("90B3D51F30010000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "00DB1234567890A",
                "00DB1234567890A01",
                "00DB1234567890AG",
                "00DB1234567890A\u0660",
                "00DB1234567890A\uFF10",
                "00DB1234567890A0\n",
                "00DB_1234567890A0",
                "+0DB1234567890A0"
            })
    void anythingElseIsRefusedNamingWhatWasTyped(String typed) {
        assertThatThrownBy(() -> Eui64.parse(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an EUI-64 is 16 hex digits, got '");
    }

    @Test
    void aHugeInputIsShownCut() {
        assertThatThrownBy(() -> Eui64.parse("9".repeat(100_000)))
                .hasMessage("an EUI-64 is 16 hex digits, got '" + "9".repeat(40) + "...'");
    }
}
