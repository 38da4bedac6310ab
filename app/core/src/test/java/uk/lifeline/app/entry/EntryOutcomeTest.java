package uk.lifeline.app.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EntryOutcomeTest {

    static Stream<Arguments> reported() {
        return Stream.of(
                Arguments.of(EntryOutcome.ACCEPTED, "ACCEPTED", null, false),
                Arguments.of(EntryOutcome.REJECTED, "REJECTED", "unknown", true),
                Arguments.of(EntryOutcome.DUPLICATE, "REJECTED", "duplicate", false),
                Arguments.of(EntryOutcome.CREDIT_TOO_HIGH, "REJECTED", "over-maximum-balance", true),
                Arguments.of(EntryOutcome.LOCKED, "REJECTED", "locked-out", true));
    }

    @ParameterizedTest
    @MethodSource("reported")
    void eachOutcomeReachesTheBackendAsItsResult(EntryOutcome outcome, String result, String reason, boolean retry) {
        assertThat(outcome.reportedOutcome()).isEqualTo(result);
        assertThat(outcome.reportedReason()).isEqualTo(reason);
        assertThat(outcome.mayRetry()).isEqualTo(retry);
    }

    @ParameterizedTest
    @EnumSource(EntryOutcome.class)
    void codesRoundTrip(EntryOutcome outcome) {
        assertThat(EntryOutcome.fromCode(outcome.code())).isSameAs(outcome);
    }

    @Test
    void unknownCodesAreRefused() {
        assertThatThrownBy(() -> EntryOutcome.fromCode("ACCEPTED")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryOutcome.fromCode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
