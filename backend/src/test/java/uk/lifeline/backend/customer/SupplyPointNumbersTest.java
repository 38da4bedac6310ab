package uk.lifeline.backend.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupplyPointNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "1312345678907, true",
        "1312345678906, false",
        "131234567890, false",
        "13123456789O7, false",
        "1012345678903, true",
        "2012345678902, false"
    })
    void mpanCheckDigits(String mpan, boolean valid) {
        assertThat(SupplyPointNumbers.isValidMpan(mpan)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"3938424403, true", "3938424404, false", "3938424430, false", "12345, false", "12345678901, false"})
    void mprnCheckDigits(String mprn, boolean valid) {
        assertThat(SupplyPointNumbers.isValidMprn(mprn)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"131234567890", "999999999999", "000000000000"})
    void madeMpansValidate(String first12) {
        assertThat(SupplyPointNumbers.isValidMpan(SupplyPointNumbers.mpanWithCheckDigit(first12)))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"39384244", "7512", "99999999"})
    void madeMprnsValidate(String body) {
        assertThat(SupplyPointNumbers.mprnWithCheckDigits("39384244")).isEqualTo("3938424403");
        assertThat(SupplyPointNumbers.isValidMprn(SupplyPointNumbers.mprnWithCheckDigits(body)))
                .isTrue();
    }
}
