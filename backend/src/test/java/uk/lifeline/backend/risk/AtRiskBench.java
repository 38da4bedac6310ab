package uk.lifeline.backend.risk;

import java.lang.management.ManagementFactory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import uk.lifeline.backend.psr.PsrNeed;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.forecast.Fuel;
import uk.lifeline.forecast.Observation;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.SingleRate;

/**
 * The daily list's own work for many meters, without the database: each made-up meter (varied credit, emergency
 * credit, debt, friendly hours, fuel, top-up history) is assessed ({@link Signals#assess}, two engine runs of the
 * horizon each) and only the 200 most dangerous are kept, as {@link AtRiskList} does page by page. Meters are made
 * one at a time and dropped, so memory stays bounded. Prints the time, meters per second, CPU time and heap.
 * Not a unit test (docs/performance.md): {@code java -cp ... uk.lifeline.backend.risk.AtRiskBench 1000000}.
 */
public final class AtRiskBench {

    private AtRiskBench() {}

    public static void main(String[] args) {
        int meters = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int days = 3;
        Instant now = Instant.parse("2026-12-02T09:00:00Z");
        Random r = new Random(17);
        MeterSettings[] settings = {
            MeterSettings.builder(new SingleRate(new UnitPrice(24_862), new UnitPrice(60_100)))
                    .build(),
            MeterSettings.builder(new SingleRate(new UnitPrice(6_296), new UnitPrice(31_430)))
                    .build(),
            MeterSettings.builder(new SingleRate(new UnitPrice(24_862), new UnitPrice(60_100)))
                    .defaultFriendlyCredit(NonDisablementCalendar.NONE.withSlot(
                            1,
                            new FriendlyCreditSlot(
                                    LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.allOf(DayOfWeek.class), true)))
                    .build()
        };
        PriorityQueue<Signals.Assessment> kept = new PriorityQueue<>(Signals.DANGER.reversed());
        long atRisk = 0;
        long peakHeap = 0;
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < meters; i++) {
            MeterFacts f = meter(r, i, settings, now);
            Signals.Assessment a = Signals.assess(f, now, days);
            if (a != null) {
                atRisk++;
                kept.add(a);
                if (kept.size() > 200) {
                    kept.poll();
                }
            }
            if ((i & 0xFFFF) == 0) {
                Runtime rt = Runtime.getRuntime();
                peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf("meters %d, at risk %d, kept %d%n", meters, atRisk, kept.size());
        System.out.printf(
                "wall %.1f s, %.0f meters/s, CPU %.1f s (%.1f us a meter), heap used at most %d MB,"
                        + " load average at the end %.1f%n",
                seconds,
                meters / seconds,
                cpu,
                cpu * 1e6 / meters,
                peakHeap >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static MeterFacts meter(Random r, int i, MeterSettings[] settings, Instant now) {
        int kind = r.nextInt(settings.length);
        Fuel fuel = kind == 1 ? Fuel.GAS : Fuel.ELECTRICITY;
        boolean ec = r.nextInt(20) == 0;
        MeterState s = MeterState.initial(settings[kind], now.minus(Duration.ofHours(r.nextInt(72))))
                .withCredit(new Credit(ec ? 0 : r.nextInt(4000), ec, ec ? r.nextInt(1000) : 0))
                .withDebts(
                        r.nextInt(4) == 0
                                ? new Debts(
                                        new TimeDebt(20_000, 50 + r.nextInt(100), SetDebt.Recovery.PER_DAY),
                                        TimeDebt.NONE,
                                        PaymentDebt.NONE,
                                        r.nextInt(10) == 0 ? 300 : 0)
                                : Debts.NONE);
        List<Observation> topUps = new ArrayList<>();
        int n = r.nextInt(6);
        for (int k = 0; k < n; k++) {
            topUps.add(new Observation.TopUpSeen(
                    now.minus(Duration.ofDays(3 + 7L * k + r.nextInt(3))), 1000 + 500L * r.nextInt(4)));
        }
        // A third of the customers read their display in the app now and then.
        List<Observation.BalanceSeen> readings = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            for (int k = 0; k < 2 + r.nextInt(3); k++) {
                readings.add(
                        new Observation.BalanceSeen(now.minus(Duration.ofDays(2 + 9L * k)), 500 + r.nextInt(3000)));
            }
        }
        List<PsrNeed> psr = r.nextInt(10) == 0 ? List.of(PsrNeed.PENSIONABLE_AGE) : List.of();
        return new MeterFacts(
                new UUID(0, i),
                String.format("00BE%012X", i),
                fuel,
                new UUID(1, i),
                "bench " + i,
                psr,
                s,
                "MODELLED",
                topUps,
                readings,
                r.nextInt(200) == 0 ? 1 : 0,
                null);
    }
}
