package uk.lifeline.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivationCodeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1234 5678 9017|",
                "1234-5678-9017|",
                "123456789017|",
                "1234 5678 9071|WRONG_DIGIT",
                "1234 5678 9018|WRONG_DIGIT",
                "1234 5678 901|WRONG_LENGTH",
                "1234 5678 90177|WRONG_LENGTH",
                "ABCD 5678 9017|NOT_DIGITS",
            })
    void catchesTyposBeforeAskingTheServer(String typed, String problem) {
        assertThat(ActivationCode.problem(typed))
                .isEqualTo(problem == null ? null : ActivationCode.Problem.valueOf(problem));
    }
}
