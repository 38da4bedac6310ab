package uk.lifeline.backend.reach.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("07700 900123", "+447700900123", true),
                Arguments.of("+44 (0)7700 900123", "+447700900123", true),
                Arguments.of("0044 7700-900.123", "+447700900123", true),
                Arguments.of("0113 496 0000", "+441134960000", false),
                Arguments.of("+353 85 123 4567", "+353851234567", true));
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void agentsNumbersBecomeE164AndMobilesAreKnown(String typed, String e164, boolean mobile) {
        PhoneNumber p = PhoneNumber.parse(typed).orElseThrow();
        assertThat(p.e164()).isEqualTo(e164);
        assertThat(p.mayTakeTexts()).isEqualTo(mobile);
        assertThat(p.tail()).isEqualTo("..." + e164.substring(e164.length() - 3));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abc",
                "077009001234",
                "+0447700900123",
                "+4477009001\u0000",
                "07700 9001",
                "12345678901234567890123456789012",
                "+1234567"
            })
    void anythingElseIsNotANumber(String typed) {
        assertThat(PhoneNumber.parse(typed)).isEmpty();
    }
}
