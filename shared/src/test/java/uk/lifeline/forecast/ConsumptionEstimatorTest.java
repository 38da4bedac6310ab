package uk.lifeline.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The band from the home's own evidence, and the typical profile's season (docs/forecast.md). */
class ConsumptionEstimatorTest {

    static final Instant NOW = RunOutForecastTest.NOW;

    static List<ConsumptionEstimator.Stretch> stretches(long... averageDays) {
        List<ConsumptionEstimator.Stretch> stretches = new ArrayList<>();
        for (long day : averageDays) {
            stretches.add(new ConsumptionEstimator.Stretch(day, 7 * 86_400));
        }
        return stretches;
    }

    @Test
    void oneStretchGivesTheFuelsTypicalStrayWidenedForItsOwnUncertainty() {
        // 112 thousandths, times the square root of 2 for an estimate from one stretch, 1.645 of that either side.
        ConsumptionEstimator.Band band = ConsumptionEstimator.band(Fuel.ELECTRICITY, 10_000, stretches(10_000));
        assertThat(band.highPercent()).isEqualTo(126);
        assertThat(band.lowPercent()).isEqualTo(79);
        assertThat(band.stretches()).isEqualTo(1);
    }

    @Test
    void moreSteadyStretchesBetweenReportsNarrowTheBand() {
        ConsumptionEstimator.Band one = ConsumptionEstimator.band(Fuel.ELECTRICITY, 10_000, stretches(10_000));
        ConsumptionEstimator.Band six = ConsumptionEstimator.band(
                Fuel.ELECTRICITY, 10_000, stretches(10_000, 10_000, 10_000, 10_000, 10_000, 10_000));
        assertThat(six.highPercent()).isLessThan(one.highPercent());
        assertThat(six.lowPercent()).isGreaterThan(one.lowPercent());
        assertThat(six.ownStrayThousandths()).isZero();
    }

    @Test
    void aHomeWhoseUseStraysBetweenReportsGetsAWiderBand() {
        ConsumptionEstimator.Band steady = ConsumptionEstimator.band(
                Fuel.ELECTRICITY, 10_000, stretches(10_000, 10_000, 10_000, 10_000, 10_000, 10_000));
        ConsumptionEstimator.Band erratic = ConsumptionEstimator.band(
                Fuel.ELECTRICITY, 10_000, stretches(7_000, 13_000, 7_000, 13_000, 7_000, 13_000));
        assertThat(erratic.ownStrayThousandths()).isEqualTo(300);
        assertThat(erratic.highPercent()).isGreaterThan(steady.highPercent());
        assertThat(erratic.lowPercent()).isLessThan(steady.lowPercent());
    }

    @Test
    void gasGetsAWiderBandThanElectricityForTheWeather() {
        assertThat(ConsumptionEstimator.band(Fuel.GAS, 10_000, stretches(10_000))
                        .highPercent())
                .isGreaterThan(ConsumptionEstimator.band(Fuel.ELECTRICITY, 10_000, stretches(10_000))
                        .highPercent());
    }

    @Test
    void theBandIsSymmetricInRatioSoTheWindowsEndsAreEquallyLikely() {
        ConsumptionEstimator.Band band = ConsumptionEstimator.band(Fuel.GAS, 10_000, stretches(9_000, 11_000));
        // high / 100 is about 100 / low (a heavy end 1.4 times the estimate goes with a light end of 1/1.4), each
        // rounded outwards.
        assertThat(band.highPercent() * band.lowPercent()).isBetween(9_800, 10_000);
    }

    @Test
    void reportedBalancesThatStrayGiveAWiderWindowThanSteadyOnes() {
        // Seven weekly reports, no top-ups: 15.00 spent each week, or 10.00 and 20.00 in turn (the same total).
        List<Observation> steady = new ArrayList<>();
        List<Observation> erratic = new ArrayList<>();
        long steadyPosition = 12_000;
        long erraticPosition = 12_000;
        for (int week = 6; week >= 0; week--) {
            Instant at = NOW.minus(Duration.ofDays(7L * week));
            steady.add(new Observation.BalanceSeen(at, steadyPosition));
            erratic.add(new Observation.BalanceSeen(at, erraticPosition));
            steadyPosition -= 1500;
            erraticPosition -= week % 2 == 0 ? 1000 : 2000;
        }
        ConsumptionEstimate a = ConsumptionEstimator.estimate(
                Fuel.ELECTRICITY,
                RunOutForecastTest.meter(RunOutForecastTest.settings().build(), 500),
                steady,
                NOW);
        ConsumptionEstimate b = ConsumptionEstimator.estimate(
                Fuel.ELECTRICITY,
                RunOutForecastTest.meter(RunOutForecastTest.settings().build(), 500),
                erratic,
                NOW);
        assertThat(a.basis()).isEqualTo(ConsumptionEstimate.Basis.REPORTED_BALANCES);
        assertThat(b.highPercent()).isGreaterThan(a.highPercent());
        assertThat(b.restsOn().get(0)).contains("6 stretch(es)").contains("strayed");
    }

    @Test
    void squareRootsAreWholeAndExact() {
        assertThat(ConsumptionEstimator.isqrt(0)).isZero();
        assertThat(ConsumptionEstimator.isqrt(1)).isEqualTo(1);
        assertThat(ConsumptionEstimator.isqrt(24)).isEqualTo(4);
        assertThat(ConsumptionEstimator.isqrt(25)).isEqualTo(5);
        assertThat(ConsumptionEstimator.isqrt(25_088)).isEqualTo(158);
        assertThat(ConsumptionEstimator.isqrt(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
    }

    @Test
    void theSeasonMovesDayByDayNotOnTheFirstOfTheMonth() {
        // Mid-January is January's factor (1220 on a weekday, 970); the last of January and the first of February
        // are a day apart and differ as little, though the months' factors differ by 90.
        assertThat(TypicalProfile.dayFactor(Fuel.ELECTRICITY, LocalDateTime.parse("2027-01-15T12:00:00")))
                .isEqualTo(1220L * 970 / 1000);
        long lastOfJanuary = TypicalProfile.dayFactor(Fuel.ELECTRICITY, LocalDateTime.parse("2027-01-29T12:00:00"));
        long firstOfFebruary = TypicalProfile.dayFactor(Fuel.ELECTRICITY, LocalDateTime.parse("2027-02-01T12:00:00"));
        assertThat(Math.abs(lastOfJanuary - firstOfFebruary)).isLessThanOrEqualTo(12);
        assertThat(lastOfJanuary).isLessThan(1220L * 970 / 1000);
    }
}
