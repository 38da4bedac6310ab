package uk.lifeline.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.Change;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterEvent;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.Simulation;
import uk.lifeline.prepay.Simulator;
import uk.lifeline.prepay.SupplyState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.prepay.TimelineEntry;
import uk.lifeline.tariff.SingleRate;

class RunOutForecastTest {

    static final Instant NOW = Instant.parse("2027-01-11T09:00:00Z");
    static final SingleRate TEN_PENCE = new SingleRate(new UnitPrice(10_000), new UnitPrice(50_000));
    static final Duration WEEK = Duration.ofDays(7);

    static MeterSettings.Builder settings() {
        return MeterSettings.builder(TEN_PENCE).emergencyCredit(0, 0);
    }

    static MeterState meter(MeterSettings settings, long balance) {
        return MeterState.initial(settings, NOW).withCredit(new Credit(balance, false, 0));
    }

    static ConsumptionEstimate estimate(int low, int high) {
        return new ConsumptionEstimate(
                Fuel.ELECTRICITY, 10_000, low, high, ConsumptionEstimate.Basis.TYPICAL_PROFILE, List.of("test"));
    }

    @Test
    void withNoBandTheWindowIsTheEnginesOwnDisablement() {
        MeterState start = meter(settings().build(), 1000);
        RunOut forecast = RunOutForecast.forecast(start, List.of(), estimate(100, 100), NOW, WEEK);
        Simulation direct = Simulator.run(
                start,
                RunOutForecast.profile(
                        estimate(100, 100), 100, NOW, NOW.plus(WEEK).plus(Duration.ofMinutes(30))),
                List.of());
        Instant off = direct.timeline().stream()
                .filter(e -> e.change() == Change.SUPPLY_DISABLED)
                .map(TimelineEntry::at)
                .findFirst()
                .orElseThrow();
        assertThat(forecast.kind()).isEqualTo(RunOut.Kind.WINDOW);
        assertThat(forecast.earliest()).isEqualTo(off).isEqualTo(forecast.latest());
    }

    @Test
    void aBandGivesAWindowHeavyUseFirst() {
        RunOut forecast =
                RunOutForecast.forecast(meter(settings().build(), 1000), List.of(), estimate(80, 125), NOW, WEEK);
        assertThat(forecast.kind()).isEqualTo(RunOut.Kind.WINDOW);
        assertThat(forecast.earliest()).isBefore(forecast.latest());
        // 10.00 at about 1.00 of energy and 0.50 standing charge a day: between four and nine days off.
        assertThat(forecast.earliest()).isAfter(NOW.plus(Duration.ofDays(4)));
        assertThat(forecast.latest()).isBefore(NOW.plus(Duration.ofDays(9)));
        assertThat(forecast.restsOn()).anyMatch(s -> s.contains("heavy end 125%"));
    }

    @Test
    void emergencyCreditTakenWhenOfferedPutsRunOutLater() {
        RunOut without =
                RunOutForecast.forecast(meter(settings().build(), 500), List.of(), estimate(100, 100), NOW, WEEK);
        RunOut with = RunOutForecast.forecast(
                meter(settings().emergencyCredit(500, 100).build(), 500), List.of(), estimate(100, 100), NOW, WEEK);
        assertThat(with.earliest()).isAfter(without.earliest().plus(Duration.ofDays(2)));
    }

    @Test
    void debtRecoveryBringsRunOutForward() {
        MeterState plain = meter(settings().build(), 1000);
        MeterState owing = plain.withDebts(
                new Debts(new TimeDebt(10_000, 100, SetDebt.Recovery.PER_DAY), TimeDebt.NONE, PaymentDebt.NONE, 0));
        RunOut a = RunOutForecast.forecast(plain, List.of(), estimate(100, 100), NOW, WEEK);
        RunOut b = RunOutForecast.forecast(owing, List.of(), estimate(100, 100), NOW, WEEK);
        assertThat(b.earliest()).isBefore(a.earliest().minus(Duration.ofDays(1)));
    }

    @Test
    void aFriendlyCreditWindowKeepsTheSupplyOnUntilItEnds() {
        MeterSettings friendly = settings()
                .defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(
                        1,
                        new FriendlyCreditSlot(
                                LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.allOf(DayOfWeek.class), true)))
                .build();
        RunOut forecast =
                RunOutForecast.forecast(meter(friendly, 1000), List.of(), estimate(80, 125), NOW, Duration.ofDays(14));
        assertThat(forecast.kind()).isEqualTo(RunOut.Kind.WINDOW);
        for (Instant t : Arrays.asList(forecast.earliest(), forecast.latest())) {
            LocalTime local = MeterTime.local(t).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(10, 0), LocalTime.of(15, 59));
        }
    }

    @Test
    void aTopUpTakenSinceTheAnchorCounts() {
        MeterState start = meter(settings().build(), 1000);
        RunOut before = RunOutForecast.forecast(start, List.of(), estimate(100, 100), NOW, Duration.ofDays(20));
        RunOut after = RunOutForecast.forecast(
                start,
                List.of(new MeterEvent.CodeEntered(NOW.plus(Duration.ofDays(1)), new TopUp(1000))),
                estimate(100, 100),
                NOW,
                Duration.ofDays(20));
        assertThat(after.earliest()).isAfter(before.earliest().plus(Duration.ofDays(4)));
    }

    @Test
    void aMeterThatLastsPastTheHorizonSaysSo() {
        RunOut forecast =
                RunOutForecast.forecast(meter(settings().build(), 20_000), List.of(), estimate(80, 125), NOW, WEEK);
        assertThat(forecast.kind()).isEqualTo(RunOut.Kind.NOT_WITHIN_HORIZON);
        assertThat(forecast.latest()).isNull();
        assertThat(forecast.mayRunOutBy(NOW.plus(WEEK))).isFalse();
    }

    @Test
    void theQuickBoundNeverSkipsAMeterTheEngineWouldDisable() {
        // Credit from 0.50 to 30.00 in 0.50 steps, with and without time debt: wherever the bound says "lasts
        // beyond", the full run must agree.
        for (long balance = 50; balance <= 3000; balance += 50) {
            for (TimeDebt debt : Arrays.asList(
                    TimeDebt.NONE,
                    new TimeDebt(5000, 100, SetDebt.Recovery.PER_DAY),
                    new TimeDebt(5000, 5, SetDebt.Recovery.PER_HOUR))) {
                MeterState m = meter(settings().build(), balance)
                        .withDebts(new Debts(debt, TimeDebt.NONE, PaymentDebt.NONE, 0));
                Instant end = NOW.plus(Duration.ofDays(4));
                if (RunOutForecast.lastsBeyond(m, estimate(80, 125), NOW, end)) {
                    assertThat(RunOutForecast.disabledAt(m, List.of(), estimate(80, 125), 125, NOW, end, NOW))
                            .as("balance %d, debt %s", balance, debt)
                            .isNull();
                }
            }
        }
        assertThat(RunOutForecast.lastsBeyond(
                        meter(settings().build(), 3000), estimate(80, 125), NOW, NOW.plus(Duration.ofDays(4))))
                .isTrue();
    }

    @Test
    void creditModeNeverRunsOutAndADisabledSupplyIsAlreadyOff() {
        MeterState credit = meter(settings().build(), 0).withMode(ChangeMode.Mode.CREDIT);
        assertThat(RunOutForecast.forecast(credit, List.of(), estimate(80, 125), NOW, WEEK)
                        .kind())
                .isEqualTo(RunOut.Kind.CREDIT_MODE);
        MeterState off = meter(settings().build(), 0).withSupply(SupplyState.DISABLED);
        RunOut forecast = RunOutForecast.forecast(off, List.of(), estimate(80, 125), NOW, WEEK);
        assertThat(forecast.kind()).isEqualTo(RunOut.Kind.ALREADY_OFF);
        assertThat(forecast.mayRunOutBy(NOW)).isTrue();
    }

    @Test
    void theWindowIsWordedInMeterLocalTimeWithItsZone() {
        assertThat(RunOutForecast.describe(Instant.parse("2027-01-14T18:00:00Z")))
                .isEqualTo("Thu 14 Jan 18:00 GMT");
        assertThat(RunOutForecast.describe(Instant.parse("2027-06-17T17:00:00Z")))
                .isEqualTo("Thu 17 Jun 18:00 BST");
    }

    @Test
    void reportedBalancesGiveTheHomesOwnUse() {
        // 20.00 then 5.00 ten days later, no top-ups: 15.00 spent, 5.00 of it standing charges, so 100 kWh at 10p.
        Instant t0 = NOW.minus(Duration.ofDays(10));
        ConsumptionEstimate e = ConsumptionEstimator.estimate(
                Fuel.ELECTRICITY,
                meter(settings().build(), 500),
                List.of(new Observation.BalanceSeen(t0, 2000), new Observation.BalanceSeen(NOW, 500)),
                NOW);
        assertThat(e.basis()).isEqualTo(ConsumptionEstimate.Basis.REPORTED_BALANCES);
        // 10 kWh a day in January, de-seasoned by January's factor (about 1.2): about 8.2 kWh an average day.
        assertThat(e.averageDayWattHours()).isBetween(7_800L, 8_600L);
        assertThat(e.lowPercent()).isLessThan(100);
        assertThat(e.highPercent()).isGreaterThan(100);
    }

    @Test
    void topUpsAloneGiveASteadyRate() {
        List<Observation> topUps = Arrays.asList(
                new Observation.TopUpSeen(NOW.minus(Duration.ofDays(21)), 1500),
                new Observation.TopUpSeen(NOW.minus(Duration.ofDays(11)), 1500),
                new Observation.TopUpSeen(NOW.minus(Duration.ofDays(1)), 1500));
        ConsumptionEstimate e =
                ConsumptionEstimator.estimate(Fuel.ELECTRICITY, meter(settings().build(), 500), topUps, NOW);
        assertThat(e.basis()).isEqualTo(ConsumptionEstimate.Basis.TOP_UP_HISTORY);
        assertThat(e.averageDayWattHours()).isBetween(7_800L, 8_600L);
    }

    @Test
    void withoutHistoryTheTypicalHomeWithOfgemsSpread() {
        ConsumptionEstimate e =
                ConsumptionEstimator.estimate(Fuel.GAS, meter(settings().build(), 500), Collections.emptyList(), NOW);
        assertThat(e.basis()).isEqualTo(ConsumptionEstimate.Basis.TYPICAL_PROFILE);
        assertThat(e.averageDayWattHours()).isEqualTo(11_500_000L / 365);
        assertThat(e.restsOn().get(0)).contains("11499 kWh");
    }
}
