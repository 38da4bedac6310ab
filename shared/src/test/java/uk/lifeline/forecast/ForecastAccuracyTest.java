package uk.lifeline.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small, fixed sample of the accuracy study (docs/forecast.md has the full run): the true disablement falls
 * inside the window in at least 85% of cases on these homes. Measures hits, never time.
 */
class ForecastAccuracyTest {

    @Test
    void theTrueRunOutFallsInsideTheWindowOnSimulatedHomes() {
        List<ForecastAccuracyStudy.Case> cases = ForecastAccuracyStudy.run(6, 17);
        ForecastAccuracyStudy.Figures f = ForecastAccuracyStudy.figures(cases);
        assertThat(f.cases()).isGreaterThan(200);
        assertThat(f.insideShare()).isGreaterThanOrEqualTo(0.85);
    }
}
