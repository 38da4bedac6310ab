package uk.lifeline.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.ConsumptionProfile;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterEvent;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.Simulation;
import uk.lifeline.prepay.Simulator;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;

/**
 * One meter simulated through a year of half-hourly data (17,520 readings, 2027, both clock changes) with weekly
 * top-ups and button presses, friendly credit every evening, per-hour and payment-based debt: the work a backend
 * does for each meter when it simulates an area on demand. Target: under 5 ms a year (docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulationBenchmark {

    /** A year of a household's demand and a year of its codes and button presses. */
    @State(Scope.Benchmark)
    public static class Year {

        static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
        static final int HALF_HOURS = 17_520;

        @Param({"single-rate", "time-of-use", "block"})
        public String tariff;

        MeterState start;
        ConsumptionProfile profile;
        List<MeterEvent> events;

        @Setup
        public void setUp() {
            MeterSettings settings = MeterSettings.builder(tariff(tariff))
                    .defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(
                            1,
                            new FriendlyCreditSlot(
                                    LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.allOf(DayOfWeek.class), true)))
                    .build();
            start = MeterState.initial(settings, START)
                    .withCredit(new Credit(5000, false, 0))
                    .withDebts(new Debts(
                            new TimeDebt(50_000, 2, SetDebt.Recovery.PER_HOUR),
                            TimeDebt.NONE,
                            new PaymentDebt(30_000, 10),
                            0));
            profile = ConsumptionProfile.of(START, household());
            events = new ArrayList<>();
            for (int week = 0; week < 52; week++) {
                Instant topUp = START.plusSeconds(week * 7 * 86_400L + 10 * 3600 + 600);
                events.add(new MeterEvent.CodeEntered(topUp, new TopUp(3000)));
                events.add(new MeterEvent.ButtonPressed(topUp.plusSeconds(60)));
            }
        }

        private static Tariff tariff(String kind) {
            UnitPrice standing = UnitPrice.parse("standing-charge", "60.97");
            switch (kind) {
                case "single-rate":
                    return new SingleRate(UnitPrice.parse("unit-rate", "24.862"), standing);
                case "time-of-use":
                    return new TimeOfUse(
                            Arrays.asList(
                                    new TimeOfUse.RateSwitch(LocalTime.of(23, 30), UnitPrice.parse("rate", "12.5")),
                                    new TimeOfUse.RateSwitch(LocalTime.of(6, 30), UnitPrice.parse("rate", "27.03"))),
                            standing);
                default:
                    return new Block(
                            Arrays.asList(
                                    new Block.Tier(100_000, UnitPrice.parse("rate", "30.1")),
                                    Block.Tier.unlimited(UnitPrice.parse("rate", "22.4"))),
                            CalendarPeriod.MONTH,
                            standing);
            }
        }

        /** A day-shaped demand (low at night, peaks morning and evening) with deterministic noise. */
        private static long[] household() {
            long[] readings = new long[HALF_HOURS];
            long noise = 12345;
            for (int i = 0; i < HALF_HOURS; i++) {
                int slot = i % 48;
                long base = slot < 12 ? 120 : slot < 16 ? 350 : slot < 34 ? 220 : slot < 44 ? 480 : 200;
                noise = noise * 6364136223846793005L + 1442695040888963407L;
                readings[i] = base + ((noise >>> 33) % 150);
            }
            return readings;
        }
    }

    @Benchmark
    public Simulation simulateYear(Year year) {
        return Simulator.run(year.start, year.profile, year.events);
    }
}
