package uk.lifeline.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small, fixed sample of the accuracy study (docs/forecast.md has the full run, with its verdict): on these homes
 * the true disablement falls inside the window in at least 88% of cases, and the median window is at most 0.6 of
 * the time left. Deterministic (fixed seed); measures hits and widths, never time.
 */
class ForecastAccuracyTest {

    static ForecastAccuracyStudy.Figures sample;

    @BeforeAll
    static void liveTheSampleHomes() {
        sample = ForecastAccuracyStudy.figures(ForecastAccuracyStudy.run(6, 17, null));
    }

    @Test
    void theTrueRunOutFallsInsideTheWindowOnSimulatedHomes() {
        assertThat(sample.cases()).isGreaterThan(200);
        assertThat(sample.insideShare()).isGreaterThanOrEqualTo(0.88);
    }

    @Test
    void theMedianWindowIsAtMostSixTenthsOfTheTimeLeftOnSimulatedHomes() {
        assertThat(sample.medianWidthOverTimeLeft()).isLessThanOrEqualTo(0.6);
    }
}
