package uk.lifeline.backend.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;

class ConstraintProblemsTest {

    static Stream<Arguments> constraints() {
        return Stream.of(
                Arguments.of(
                        "new row for relation \"code_counter\" violates check constraint"
                                + " \"code_counter_supply_ended\"",
                        ProblemType.SUPPLY_ENDED),
                Arguments.of(
                        "new row for relation \"code_counter\" violates check constraint"
                                + " \"code_counter_awaiting_credentials\"",
                        ProblemType.CREDENTIALS_NOT_INSTALLED),
                Arguments.of(
                        "duplicate key value violates unique constraint \"install_code_request_one_open\"",
                        ProblemType.ALREADY_REQUESTED));
    }

    @ParameterizedTest
    @MethodSource("constraints")
    void aConstraintThatStandsForAnApiRuleBecomesItsProblemWhereverItIsInTheCauses(String message, ProblemType type) {
        DataIntegrityViolationException wrapped =
                new DataIntegrityViolationException("executeMany", new IllegalStateException(message));
        assertThat(ConstraintProblems.of(wrapped).type()).isEqualTo(type);
    }

    @Test
    void anyOtherConstraintIsNotOne() {
        assertThat(ConstraintProblems.of(
                        new DataIntegrityViolationException("violates check constraint" + " \"device_eui64_check\"")))
                .isNull();
        assertThat(ConstraintProblems.of(new DataIntegrityViolationException(null)))
                .isNull();
    }
}
