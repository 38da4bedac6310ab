package uk.lifeline.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DaysLeftTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

    static Stream<Arguments> windows() {
        return Stream.of(
                // earliest hours, latest hours (null: past the horizon), from, to, low
                Arguments.of(50L, 70L, 2, 3, false),
                Arguments.of(48L, 72L, 2, 3, false),
                Arguments.of(25L, 26L, 1, 2, false),
                Arguments.of(24L, 60L, 1, 3, true),
                Arguments.of(5L, 20L, 0, 1, true),
                Arguments.of(-3L, 2L, 0, 1, true),
                Arguments.of(-10L, -2L, 0, 1, true),
                Arguments.of(100L, null, 4, -1, false));
    }

    @ParameterizedTest
    @MethodSource("windows")
    void aWindowIsWholeDaysRoundedOutwardAndLowWithinADay(
            Long earliestHours, Long latestHours, int from, int to, boolean low) {
        DaysLeft d = DaysLeft.of(
                NOW.plusSeconds(earliestHours * 3600),
                latestHours == null ? null : NOW.plusSeconds(latestHours * 3600),
                NOW);
        assertThat(d).isEqualTo(new DaysLeft(from, to, low));
        assertThat(d.openEnded()).isEqualTo(to == -1);
    }

    @Test
    void impossibleDaysAndMissingInstantsAreRefused() {
        assertThatThrownBy(() -> new DaysLeft(-1, 2, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DaysLeft(3, 3, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DaysLeft.of(null, NOW, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DaysLeft.of(NOW, NOW, null)).isInstanceOf(NullPointerException.class);
    }
}
