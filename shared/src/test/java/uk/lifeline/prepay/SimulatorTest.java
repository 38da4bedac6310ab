package uk.lifeline.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.lifeline.prepay.Meters.at;
import static uk.lifeline.prepay.Meters.button;
import static uk.lifeline.prepay.Meters.code;
import static uk.lifeline.prepay.Meters.count;
import static uk.lifeline.prepay.Meters.emergencyCredit;
import static uk.lifeline.prepay.Meters.flat;
import static uk.lifeline.prepay.Meters.meter;
import static uk.lifeline.prepay.Meters.price;
import static uk.lifeline.prepay.Meters.settings;
import static uk.lifeline.prepay.Meters.simulate;
import static uk.lifeline.prepay.Meters.total;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.lifeline.calendar.BankHolidayRegion;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.SetDebt;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;
import uk.lifeline.tariff.TimeOfUse.RateSwitch;

class SimulatorTest {

    /** Plenty of credit, so nothing but the rule under test happens. */
    private static final long RICH = 20_000;

    private static List<TimelineEntry> entries(Simulation s, Change change) {
        return s.timeline().stream().filter(e -> e.change() == change).collect(Collectors.toList());
    }

    @Nested
    class StandingCharges {

        @Test
        void oneStandingChargeIsTakenAtEachMeterLocalMidnight() {
            Simulation s = simulate(meter("2026-12-01T00:00Z", RICH), flat("2026-12-01T00:00Z", 3 * 48, 0));
            assertThat(entries(s, Change.STANDING_CHARGE))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-12-01T00:00Z"), at("2026-12-02T00:00Z"), at("2026-12-03T00:00Z"));
            assertThat(s.end().credit().meterBalance()).isEqualTo(RICH - 150);
        }

        @Test
        void inSummerMidnightIsElevenPmUtc() {
            Simulation s = simulate(meter("2026-07-01T12:00Z", RICH), flat("2026-07-01T12:00Z", 48, 0));
            assertThat(entries(s, Change.STANDING_CHARGE))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-07-01T23:00Z"));
        }

        @Test
        void aSimulationStartingMidDayTakesNoChargeForThePartDay() {
            Simulation s = simulate(meter("2026-12-01T12:00Z", RICH), flat("2026-12-01T12:00Z", 24, 0));
            assertThat(count(s.timeline(), Change.STANDING_CHARGE)).isZero();
        }

        @Test
        void aFractionalStandingChargeCarriesItsFractionOfAPenny() {
            MeterSettings settings = MeterSettings.builder(new SingleRate(price("0"), price("60.97")))
                    .build();
            Simulation s = simulate(meter(settings, "2026-12-01T00:00Z", RICH), flat("2026-12-01T00:00Z", 3 * 48, 0));
            // 60.97, 121.94, 182.91 exact: 60, 61, 61 taken, 0.91p carried.
            assertThat(entries(s, Change.STANDING_CHARGE))
                    .extracting(TimelineEntry::amountPence)
                    .containsExactly(60L, 61L, 61L);
            assertThat(s.end().accruals().unchargedPence()).isEqualByComparingTo("0.91");
        }
    }

    @Nested
    class ClockChanges {

        private final Tariff economy = new TimeOfUse(
                Arrays.asList(
                        new RateSwitch(LocalTime.MIDNIGHT, price("10")),
                        new RateSwitch(LocalTime.of(7, 0), price("30"))),
                price("50"));

        /** Energy and standing charges for one meter-local day of 1 kWh each half hour. */
        private Simulation day(String localMidnightUtc, int halfHours) {
            MeterState start = meter(settings().build(), localMidnightUtc, RICH).withTariff(economy, Optional.empty());
            return simulate(start, flat(localMidnightUtc, halfHours, 1000));
        }

        @ParameterizedTest(name = "{0}: {1} half hours, {2}p of energy")
        @CsvSource({
            // 14 off-peak half hours (00:00-07:00) on an ordinary day...
            "2026-03-28T00:00Z, 48, 1160",
            // ...12 on the 23-hour day the clocks go forward (01:00 GMT becomes 02:00 BST)...
            "2026-03-29T00:00Z, 46, 1140",
            // ...and 16 on the 25-hour day they go back (01:00-02:00 happens twice).
            "2026-10-24T23:00Z, 50, 1180"
        })
        void aTimeOfUseDayFollowsTheWallClock(String localMidnightUtc, int halfHours, long energy) {
            Simulation s = day(localMidnightUtc, halfHours);
            assertThat(total(s.timeline(), Change.ENERGY_CHARGE)).isEqualTo(energy);
            assertThat(count(s.timeline(), Change.STANDING_CHARGE)).isEqualTo(1);
            assertThat(s.end().asOf()).isEqualTo(at(localMidnightUtc).plusSeconds(1800L * halfHours));
            assertThat(Meters.at(localMidnightUtc).plusSeconds(1800L * halfHours))
                    .isEqualTo(uk.lifeline.calendar.MeterTime.local(s.end().asOf())
                            .toLocalDate()
                            .atStartOfDay(uk.lifeline.calendar.MeterTime.ZONE)
                            .toInstant());
        }

        @ParameterizedTest(name = "{0}: {1} hourly recoveries")
        @CsvSource({"2026-03-28T00:00Z, 48, 24", "2026-03-29T00:00Z, 46, 23", "2026-10-24T23:00Z, 50, 25"})
        void hourlyDebtIsRecoveredOncePerClockHour(String localMidnightUtc, int halfHours, long recoveries) {
            MeterState start = meter(localMidnightUtc, RICH)
                    .withDebts(new Debts(
                            new TimeDebt(10_000, 2, SetDebt.Recovery.PER_HOUR), TimeDebt.NONE, PaymentDebt.NONE, 0));
            Simulation s = simulate(start, flat(localMidnightUtc, halfHours, 0));
            assertThat(count(s.timeline(), Change.TIME_DEBT_RECOVERY)).isEqualTo(recoveries);
            assertThat(s.end().debts().timeBased1().amountPence()).isEqualTo(10_000 - 2 * recoveries);
        }

        @Test
        void dailyDebtIsRecoveredAtMidnightWithTheStandingCharge() {
            MeterState start = meter("2026-10-24T23:00Z", RICH)
                    .withDebts(new Debts(
                            TimeDebt.NONE, new TimeDebt(1000, 75, SetDebt.Recovery.PER_DAY), PaymentDebt.NONE, 0));
            Simulation s = simulate(start, flat("2026-10-24T23:00Z", 50 + 48, 0));
            assertThat(entries(s, Change.TIME_DEBT_RECOVERY))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-10-24T23:00Z"), at("2026-10-26T00:00Z"));
        }
    }

    @Nested
    class Tariffs {

        @Test
        void aScheduledPriceComesInAtMeterLocalMidnightOfItsDate() {
            MeterState start = meter("2026-03-31T20:00Z", RICH);
            Simulation s = simulate(
                    start,
                    flat("2026-03-31T20:00Z", 8, 1000),
                    code("2026-03-31T20:10Z", "change-price", "unit-rate=20", "standing-charge=70", "from=2026-04-01"));
            // 1 April begins at 23:00 UTC (BST): the half hour before is at 10p, the ones after at 20p.
            assertThat(entries(s, Change.PRICE_SWITCHED))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-03-31T23:00Z"));
            assertThat(entries(s, Change.ENERGY_CHARGE))
                    .extracting(TimelineEntry::amountPence)
                    .containsExactly(10L, 10L, 10L, 10L, 10L, 10L, 20L, 20L);
            assertThat(entries(s, Change.STANDING_CHARGE))
                    .extracting(TimelineEntry::amountPence)
                    .containsExactly(70L);
            assertThat(s.end().pendingTariff()).isEmpty();
        }

        @Test
        void aBlockTariffCountsConsumptionAfreshEachPeriod() {
            Block block = new Block(
                    Arrays.asList(new Block.Tier(1000, price("30")), Block.Tier.unlimited(price("10"))),
                    CalendarPeriod.DAY,
                    price("0"));
            MeterState start = meter("2026-12-01T22:00Z", RICH).withTariff(block, Optional.empty());
            Simulation s = simulate(start, flat("2026-12-01T22:00Z", 8, 600));
            // 22:00 600 Wh at 30p; 22:30 400 at 30p + 200 at 10p; then 10p; from midnight 30p again.
            assertThat(entries(s, Change.ENERGY_CHARGE))
                    .extracting(TimelineEntry::amountPence)
                    .containsExactly(18L, 14L, 6L, 6L, 18L, 14L, 6L, 6L);
        }

        @Test
        void overAYearThePenceTakenAreTheExactChargesRoundedDown() {
            MeterSettings settings = MeterSettings.builder(new SingleRate(price("24.862"), price("60.97")))
                    .maximums(10_000_000, 10_000)
                    .build();
            long[] readings = new long[17_520];
            for (int i = 0; i < readings.length; i++) {
                readings[i] = 50 + (i * 7919L) % 900;
            }
            ConsumptionProfile profile = ConsumptionProfile.of(at("2027-01-01T00:00Z"), readings);
            Simulation s = Simulator.run(
                    meter(settings, "2027-01-01T00:00Z", 5_000_000),
                    profile,
                    java.util.Collections.<MeterEvent>emptyList());
            BigDecimal exact = BigDecimal.valueOf(profile.totalWattHours(), 3)
                    .multiply(new BigDecimal("24.862"))
                    .add(new BigDecimal("60.97").multiply(BigDecimal.valueOf(365)));
            long taken = total(s.timeline(), Change.ENERGY_CHARGE, Change.STANDING_CHARGE);
            assertThat(taken).isEqualTo(exact.setScale(0, RoundingMode.DOWN).longValueExact());
            assertThat(BigDecimal.valueOf(taken).add(s.end().accruals().unchargedPence()))
                    .isEqualByComparingTo(exact);
        }
    }

    @Nested
    class Supply {

        @Test
        void runningOutDisablesTheSupplyAndNoEnergyIsTakenWhileItIsOff() {
            // 25p of credit, 10p a half hour: 10, 10, then 5 from credit and 5 to accumulated debt.
            Simulation s = simulate(meter("2026-12-02T12:00Z", 25), flat("2026-12-02T12:00Z", 6, 1000));
            assertThat(total(s.timeline(), Change.ENERGY_CHARGE)).isEqualTo(25);
            assertThat(total(s.timeline(), Change.CHARGE_TO_ACCUMULATED_DEBT)).isEqualTo(5);
            assertThat(entries(s, Change.SUPPLY_DISABLED))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-12-02T13:30Z"));
            assertThat(s.end().supply()).isEqualTo(SupplyState.DISABLED);
            assertThat(s.end().debts().accumulatedDebt()).isEqualTo(5);
        }

        @Test
        void aTopUpArmsTheSupplyAndTheButtonRestoresIt() {
            MeterState off = meter("2026-12-02T12:00Z", 0).withSupply(SupplyState.DISABLED);
            Simulation s = simulate(
                    off,
                    flat("2026-12-02T12:00Z", 6, 1000),
                    code("2026-12-02T12:40Z", "top-up", "amount=5.00"),
                    button("2026-12-02T13:10Z"));
            assertThat(s.timeline())
                    .extracting(TimelineEntry::change)
                    .containsSubsequence(
                            Change.TOP_UP, Change.SUPPLY_ARMED, Change.SUPPLY_ENABLED, Change.ENERGY_CHARGE);
            // Nothing is used while armed; the half hour the button is pressed in is charged.
            assertThat(entries(s, Change.ENERGY_CHARGE))
                    .extracting(TimelineEntry::at)
                    .containsExactly(
                            at("2026-12-02T13:30Z"),
                            at("2026-12-02T14:00Z"),
                            at("2026-12-02T14:30Z"),
                            at("2026-12-02T15:00Z"));
        }

        @Test
        void aButtonPressWithNothingToRestoreIsOnTheTimelineAsRefused() {
            Simulation s = simulate(
                    meter("2026-12-02T12:00Z", 500), flat("2026-12-02T12:00Z", 2, 0), button("2026-12-02T12:10Z"));
            assertThat(entries(s, Change.REFUSED))
                    .extracting(TimelineEntry::note)
                    .containsExactly("button: supply-not-armed: the supply is enabled");
        }

        @Test
        void creditModeTakesNoChargesAndNeverDisables() {
            MeterState credit = meter("2026-12-02T12:00Z", 0).withMode(ChangeMode.Mode.CREDIT);
            Simulation s = simulate(credit, flat("2026-12-02T12:00Z", 96, 1000));
            assertThat(s.timeline()).isEmpty();
            assertThat(s.end().supply()).isEqualTo(SupplyState.ENABLED);
        }

        @Test
        void emergencyCreditKeepsTheSupplyOnUntilItTooRunsOut() {
            MeterSettings settings = settings().emergencyCredit(30, 100).build();
            Simulation s = simulate(
                    meter(settings, "2026-12-02T12:00Z", 120),
                    flat("2026-12-02T12:00Z", 20, 1000),
                    emergencyCredit("2026-12-02T12:10Z"),
                    emergencyCredit("2026-12-02T13:40Z"));
            // Refused at 12:10 (balance 120p, not below 100p); offered at 13:30 (90p) and taken at 13:40.
            assertThat(s.timeline())
                    .extracting(TimelineEntry::change)
                    .containsSubsequence(
                            Change.REFUSED,
                            Change.EMERGENCY_CREDIT_AVAILABLE,
                            Change.EMERGENCY_CREDIT_ACTIVATED,
                            Change.SUPPLY_DISABLED);
            TimelineEntry disabled = entries(s, Change.SUPPLY_DISABLED).get(0);
            assertThat(disabled.meterBalance()).isZero();
            assertThat(disabled.emergencyCreditBalance()).isZero();
            assertThat(total(s.timeline(), Change.ENERGY_CHARGE)).isEqualTo(120 + 30);
        }
    }

    @Nested
    class Protection {

        private final FriendlyCreditSlot evenings =
                new FriendlyCreditSlot(LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.allOf(DayOfWeek.class), false);

        @Test
        void inAFriendlyCreditWindowTheSupplyStaysOnAndChargesGoToAccumulatedDebt() {
            MeterSettings settings = settings()
                    .defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(1, evenings))
                    .build();
            Simulation s = simulate(meter(settings, "2026-12-02T17:00Z", 20), flat("2026-12-02T17:00Z", 40, 1000));
            assertThat(entries(s, Change.SUPPLY_DISABLED))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-12-03T10:00Z"));
            // 17:00 to 10:00 is 34 half hours at 10p and one standing charge of 50p; 20p came from credit.
            assertThat(s.end().debts().accumulatedDebt()).isEqualTo(34 * 10 + 50 - 20);
        }

        @Test
        void aFriendlyWindowArmsASupplyThatWasOffBeforeItOpened() {
            MeterSettings settings = settings()
                    .defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(1, evenings))
                    .build();
            MeterState off = meter(settings, "2026-12-02T15:00Z", 0).withSupply(SupplyState.DISABLED);
            Simulation s = simulate(off, flat("2026-12-02T15:00Z", 6, 1000), button("2026-12-02T16:05Z"));
            assertThat(s.timeline())
                    .extracting(TimelineEntry::at, TimelineEntry::change)
                    .startsWith(
                            org.assertj.core.groups.Tuple.tuple(at("2026-12-02T16:00Z"), Change.SUPPLY_ARMED),
                            org.assertj.core.groups.Tuple.tuple(at("2026-12-02T16:05Z"), Change.SUPPLY_ENABLED));
        }

        @Test
        void aBankHolidayWindowCoversTheBoxingDaySubstitute() {
            FriendlyCreditSlot holidays = new FriendlyCreditSlot(
                    LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.noneOf(DayOfWeek.class), true);
            MeterSettings settings = settings()
                    .bankHolidays(BankHolidayRegion.ENGLAND_AND_WALES)
                    .defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(4, holidays))
                    .build();
            // Saturday 26 December 2026 is not a bank holiday; Monday 28th is its substitute.
            Simulation s = simulate(meter(settings, "2026-12-26T00:00Z", 0), flat("2026-12-26T00:00Z", 4 * 48, 100));
            assertThat(entries(s, Change.SUPPLY_DISABLED))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-12-26T00:00Z"), at("2026-12-29T00:00Z"));
            assertThat(entries(s, Change.SUPPLY_ARMED))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-12-28T00:00Z"));
        }

        @Test
        void aNonDisconnectPeriodEnteredAsACodeKeepsTheSupplyOnUntilItEnds() {
            Simulation s = simulate(
                    meter("2026-12-02T12:00Z", 20),
                    flat("2026-12-02T12:00Z", 24, 1000),
                    code(
                            "2026-12-02T12:05Z",
                            "set-non-disconnect-period",
                            "start=2026-12-02T12:00:00Z",
                            "end=2026-12-02T20:00:00Z"));
            assertThat(entries(s, Change.SUPPLY_DISABLED))
                    .extracting(TimelineEntry::at)
                    .containsExactly(at("2026-12-02T20:00Z"));
        }
    }

    @Nested
    class Debt {

        private final Debts dailyDebt =
                new Debts(new TimeDebt(10_000, 100, SetDebt.Recovery.PER_DAY), TimeDebt.NONE, PaymentDebt.NONE, 0);

        @Test
        void debtIsNotRecoveredWhileTheSupplyIsDisabledIfSuspended() {
            MeterState off = meter("2026-12-01T12:00Z", 0)
                    .withSupply(SupplyState.DISABLED)
                    .withDebts(dailyDebt);
            Simulation s = simulate(off, flat("2026-12-01T12:00Z", 96, 0));
            assertThat(s.end().debts())
                    .isEqualTo(new Debts(dailyDebt.timeBased1(), TimeDebt.NONE, PaymentDebt.NONE, 100));
            MeterSettings notSuspended = settings().suspendDebt(false, false).build();
            Simulation t = simulate(
                    meter(notSuspended, "2026-12-01T12:00Z", 0)
                            .withSupply(SupplyState.DISABLED)
                            .withDebts(dailyDebt),
                    flat("2026-12-01T12:00Z", 96, 0));
            // Recovered with no credit: moved to the Accumulated Debt Register, the total owed unchanged.
            assertThat(t.end().debts().timeBased1().amountPence()).isEqualTo(9_800);
            assertThat(t.end().debts().accumulatedDebt()).isEqualTo(100 + 200);
            assertThat(total(t.timeline(), Change.TIME_DEBT_TO_ACCUMULATED_DEBT))
                    .isEqualTo(200);
        }

        @Test
        void debtIsNotRecoveredFromEmergencyCreditIfSuspended() {
            MeterSettings settings = settings().suspendDebt(true, true).build();
            MeterState emergency = meter(settings, "2026-12-01T12:00Z", 0)
                    .withCredit(new Credit(0, true, 1000))
                    .withDebts(dailyDebt);
            Simulation s = simulate(emergency, flat("2026-12-01T12:00Z", 48, 0));
            assertThat(count(s.timeline(), Change.TIME_DEBT_RECOVERY)).isZero();
        }

        @Test
        void timeBasedRecoveryStopsAtItsCapUntilTheNextPeriod() {
            MeterSettings settings = settings()
                    .timeDebtCap(Optional.of(new RecoveryCap(250, CalendarPeriod.WEEK)))
                    .build();
            // From Thursday 3 December: 100p a day, capped at 250p a week (Monday to Sunday).
            Simulation s = simulate(
                    meter(settings, "2026-12-03T00:00Z", RICH).withDebts(dailyDebt),
                    flat("2026-12-03T00:00Z", 7 * 48, 0));
            assertThat(entries(s, Change.TIME_DEBT_RECOVERY))
                    .extracting(TimelineEntry::amountPence)
                    .containsExactly(100L, 100L, 50L, 100L, 100L, 50L);
        }

        @Test
        void paymentBasedRecoveryStopsAtItsCapUntilTheNextPeriod() {
            MeterSettings settings = settings()
                    .paymentDebtCap(Optional.of(new RecoveryCap(500, CalendarPeriod.WEEK)))
                    .build();
            MeterState start = meter(settings, "2026-12-03T00:00Z", 0)
                    .withDebts(new Debts(TimeDebt.NONE, TimeDebt.NONE, new PaymentDebt(100_000, 10), 0));
            Simulation s = simulate(
                    start,
                    flat("2026-12-03T00:00Z", 7 * 48, 0),
                    code("2026-12-03T09:00Z", "top-up", "amount=20.00"),
                    code("2026-12-04T09:00Z", "top-up", "amount=20.00"),
                    code("2026-12-05T09:00Z", "top-up", "amount=20.00"),
                    code("2026-12-07T09:00Z", "top-up", "amount=20.00"));
            assertThat(entries(s, Change.PAYMENT_DEBT_RECOVERY))
                    .extracting(TimelineEntry::amountPence)
                    .containsExactly(200L, 200L, 100L, 200L);
        }
    }

    @Test
    void eventsMustFallWithinTheReadings() {
        MeterState start = meter("2026-12-02T12:00Z", 500);
        ConsumptionProfile profile = flat("2026-12-02T12:00Z", 2, 0);
        assertThatThrownBy(() -> simulate(start, profile, button("2026-12-02T11:59Z")))
                .hasMessageContaining("within the readings");
        assertThatThrownBy(() -> simulate(start, profile, button("2026-12-02T13:00:01Z")))
                .hasMessageContaining("within the readings");
        assertThat(simulate(start, profile, code("2026-12-02T13:00Z", "top-up", "amount=1.00"))
                        .end()
                        .credit()
                        .meterBalance())
                .isEqualTo(600);
    }

    @Test
    void theReadingsCannotStartBeforeTheMeterState() {
        assertThatThrownBy(() -> simulate(meter("2026-12-02T12:00Z", 500), flat("2026-12-02T11:30Z", 2, 0)))
                .hasMessageContaining("cannot go back");
    }

    @Test
    void aProfileStartsOnTheHalfHourAndHasNoNegativeReadings() {
        assertThatThrownBy(() -> flat("2026-12-02T12:10Z", 2, 0)).hasMessageContaining("on the half hour");
        assertThatThrownBy(() -> ConsumptionProfile.of(at("2026-12-02T12:00Z"), new long[] {1, -1}))
                .hasMessageContaining("reading 1 is negative");
    }
}
