package uk.lifeline.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivationCodeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1234 5678 9017|",
        "1234-5678-9017|",
        "123456789017|",
        "1234 5678 9071|One of the numbers is wrong. Check the code and type it again.",
        "1234 5678 9018|One of the numbers is wrong. Check the code and type it again.",
        "1234 5678 901|The activation code has 12 numbers. You typed 11.",
        "1234 5678 90177|The activation code has 12 numbers. You typed 13.",
        "ABCD 5678 9017|The activation code has only numbers.",
    })
    void catchesTyposBeforeAskingTheServer(String typed, String problem) {
        assertThat(ActivationCode.problem(typed)).isEqualTo(problem);
    }
}
