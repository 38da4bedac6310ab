package uk.lifeline.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.TopUp;
import uk.lifeline.prepay.Change;
import uk.lifeline.prepay.MeterEvent;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.Simulation;
import uk.lifeline.prepay.SupplyState;
import uk.lifeline.prepay.TimelineEntry;

/**
 * The forecast's accuracy on simulated homes (docs/forecast.md): each {@link SimulatedHome} lives a year with its
 * hidden demand, topping up by its own habits, through the shared engine. After each top-up, and once more some
 * hours or days later, the forecast is asked when the supply will be disabled if the customer does not top up
 * again, from only what a supplier knows: the balances the customer reported (the last one is the anchor), the
 * top-ups it issued, the meter's tariff and debt. The hidden demand then runs on to the true disablement.
 *
 * <p>Run: {@code ./mvnw -B -q -pl shared test-compile exec:java} is not set up; use
 * {@code java -cp shared/target/classes:shared/target/test-classes uk.lifeline.forecast.ForecastAccuracyStudy 300}
 * after {@code ./mvnw -B -q -pl shared test-compile}.
 */
public final class ForecastAccuracyStudy {

    static final Duration HORIZON = Duration.ofDays(30);

    /**
     * One forecast and the truth. Times in seconds. {@code span} runs from the anchor to the true disablement;
     * {@code used} is the home's true use over it as a share of the estimate's, and {@code usedOracle} the same for
     * an estimate from every half hour of the home's last 56 days (hidden from the forecast; a yardstick only).
     */
    record Case(
            Fuel fuel,
            ConsumptionEstimate.Basis basis,
            RunOut.Kind kind,
            long timeLeft,
            long width,
            boolean inside,
            long anchorAge,
            long span,
            double used,
            double usedOracle) {}

    private ForecastAccuracyStudy() {}

    public static void main(String[] args) {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 17;
        List<Case> cases = run(homes, seed, null);
        System.out.print(report(cases));
        if (args.length > 2 && args[2].equals("oracle")) {
            // The yardstick: the same homes forecast from their true last 56 days, with the narrowest band per fuel
            // that holds 90% of their true use. A supplier can never do this; it shows what the width can be.
            Map<Fuel, int[]> bands = new EnumMap<>(Fuel.class);
            for (Fuel fuel : Fuel.values()) {
                double[] u = cases.stream()
                        .filter(c -> c.fuel() == fuel)
                        .mapToDouble(Case::usedOracle)
                        .sorted()
                        .toArray();
                if (u.length > 0) {
                    bands.put(fuel, new int[] {
                        (int) Math.floor(100 * u[(int) (u.length * 0.05)]),
                        (int) Math.ceil(100 * u[(int) (u.length * 0.95)])
                    });
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nknowing every half hour of the last 56 days, band electricity %s, gas %s:%n",
                    Arrays.toString(bands.get(Fuel.ELECTRICITY)),
                    Arrays.toString(bands.get(Fuel.GAS)));
            String oracle = report(run(homes, seed, bands));
            System.out.print(oracle.substring(0, oracle.indexOf(String.format("%n%n")) + 1));
        }
    }

    /**
     * The study's cases for {@code homes} homes from {@code seed}. With {@code oracle} bands (light and heavy
     * percent per fuel), each forecast runs from the home's true last 56 days instead of what the supplier knows.
     */
    static List<Case> run(int homes, long seed, Map<Fuel, int[]> oracle) {
        List<Case> cases = new ArrayList<>();
        for (int h = 0; h < homes; h++) {
            Random mix = new Random(seed * 0x9E3779B97F4A7C15L + h * 0xBF58476D1CE4E5B9L);
            live(new SimulatedHome(mix.nextLong()), new Random(mix.nextLong()), oracle, cases);
        }
        return cases;
    }

    private static void live(SimulatedHome home, Random r, Map<Fuel, int[]> oracle, List<Case> cases) {
        MeterState s = home.start;
        List<Observation> seen = new ArrayList<>();
        seen.add(Observation.BalanceSeen.of(s));
        MeterState anchor = s;
        List<MeterEvent> since = new ArrayList<>();
        Instant b = s.asOf();
        Instant stop = home.end().minus(HORIZON).minus(Duration.ofDays(8));
        while (b.isBefore(stop)) {
            Simulation ahead =
                    RunOutForecast.runTakingEmergencyCredit(s, home.slice(b, b.plus(Duration.ofDays(14))), List.of());
            Instant trigger = null;
            for (TimelineEntry e : ahead.timeline()) {
                if (e.meterBalance() + e.emergencyCreditBalance() < home.triggerPence
                        || e.change() == Change.SUPPLY_DISABLED) {
                    trigger = e.at();
                    break;
                }
            }
            if (trigger == null) {
                s = ahead.end();
                b = s.asOf();
                continue;
            }
            long delay = (long) (-Math.log(1 - r.nextDouble()) * home.meanDelayHours * 3600);
            Instant topUpAt = trigger.plusSeconds(delay + 60 + r.nextInt(1700));
            Instant floor = RunOutForecast.ceilHalfHour(topUpAt).minusSeconds(1800);
            if (floor.isAfter(b)) {
                s = RunOutForecast.runTakingEmergencyCredit(s, home.slice(b, floor), List.of())
                        .end();
                b = floor;
            }
            if (r.nextDouble() < home.reportChance) {
                seen.add(Observation.BalanceSeen.of(s));
                anchor = s;
                since.clear();
            }
            long amount = home.amounts[r.nextInt(home.amounts.length)];
            MeterEvent topUp = new MeterEvent.CodeEntered(topUpAt, new TopUp(amount));
            Instant after = RunOutForecast.ceilHalfHour(topUpAt.plusSeconds(61));
            s = RunOutForecast.runTakingEmergencyCredit(
                            s,
                            home.slice(b, after),
                            List.of(topUp, new MeterEvent.ButtonPressed(topUpAt.plusSeconds(60))))
                    .end();
            b = after;
            seen.add(new Observation.TopUpSeen(topUpAt, amount));
            since.add(topUp);
            ask(home, s, b, anchor, since, seen, oracle, cases);
            Instant later = b.plusSeconds(1800L * (1 + r.nextInt(7 * 48)));
            MeterState then = RunOutForecast.runTakingEmergencyCredit(s, home.slice(b, later), List.of())
                    .end();
            ask(home, then, later, anchor, since, seen, oracle, cases);
        }
    }

    /** One forecast at {@code now}, where the hidden meter is in {@code truth}, against the true disablement. */
    private static void ask(
            SimulatedHome home,
            MeterState truth,
            Instant now,
            MeterState anchor,
            List<MeterEvent> since,
            List<Observation> seen,
            Map<Fuel, int[]> oracle,
            List<Case> cases) {
        if (truth.supply() != SupplyState.ENABLED) {
            return;
        }
        Simulation rest = RunOutForecast.runTakingEmergencyCredit(truth, home.slice(now, now.plus(HORIZON)), List.of());
        Instant off = null;
        for (TimelineEntry e : rest.timeline()) {
            if (e.change() == Change.SUPPLY_DISABLED) {
                off = e.at();
                break;
            }
        }
        if (off == null) {
            return;
        }
        List<Observation> known = new ArrayList<>();
        for (Observation o : seen) {
            if (!o.at().isAfter(now)) {
                known.add(o);
            }
        }
        ConsumptionEstimate real = ConsumptionEstimator.estimate(home.fuel, anchor, known, now);
        ConsumptionEstimate estimate = oracle == null ? real : oracle(home, now, real.basis(), oracle.get(home.fuel));
        RunOut forecast = RunOutForecast.forecast(anchor, since, estimate, now, HORIZON);
        boolean inside;
        long width;
        if (forecast.kind() == RunOut.Kind.WINDOW) {
            inside = !off.isBefore(forecast.earliest()) && !off.isAfter(forecast.latest());
            width = forecast.latest().getEpochSecond() - forecast.earliest().getEpochSecond();
        } else if (forecast.kind() == RunOut.Kind.FROM_EARLIEST) {
            inside = !off.isBefore(forecast.earliest());
            width = forecast.horizonEnd().getEpochSecond() - forecast.earliest().getEpochSecond();
        } else {
            inside = false;
            width = HORIZON.getSeconds();
        }
        Instant start = RunOutForecast.ceilHalfHour(anchor.asOf());
        double trueUse = home.slice(start, off).totalWattHours();
        cases.add(new Case(
                home.fuel,
                estimate.basis(),
                forecast.kind(),
                off.getEpochSecond() - now.getEpochSecond(),
                width,
                inside,
                now.getEpochSecond() - anchor.asOf().getEpochSecond(),
                off.getEpochSecond() - start.getEpochSecond(),
                trueUse
                        / Math.max(
                                1,
                                RunOutForecast.profile(estimate, 100, start, off)
                                        .totalWattHours()),
                trueUse
                        / Math.max(
                                1,
                                RunOutForecast.profile(
                                                oracle(home, now, real.basis(), new int[] {100, 100}), 100, start, off)
                                        .totalWattHours())));
    }

    /** The home's true use over the 56 days before {@code now}, de-seasoned as the estimator does, in {@code band}. */
    private static ConsumptionEstimate oracle(
            SimulatedHome home, Instant now, ConsumptionEstimate.Basis basis, int[] band) {
        Instant from = now.minus(ConsumptionEstimator.LOOKBACK);
        from = RunOutForecast.ceilHalfHour(from.isBefore(SimulatedHome.YEAR_START) ? SimulatedHome.YEAR_START : from);
        Instant to = RunOutForecast.ceilHalfHour(now).minusSeconds(1800);
        long days = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(3600)) {
            days += TypicalProfile.dayFactor(home.fuel, MeterTime.local(t));
        }
        long averageDay = home.slice(from, to).totalWattHours() * 24_000 / Math.max(1, days);
        return new ConsumptionEstimate(
                home.fuel, averageDay, band[0], band[1], basis, List.of("the home's true last 56 days"));
    }

    /** What a display shows, as the estimator takes it (balance less emergency credit used and deferred charges). */
    static String report(List<Case> cases) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-34s %7s %8s %12s %14s %12s%n",
                "cases",
                "n",
                "inside",
                "median width",
                "width/left",
                "<= 1/3 left"));
        line(out, "all", cases, c -> true);
        for (ConsumptionEstimate.Basis basis : ConsumptionEstimate.Basis.values()) {
            line(out, "basis " + basis.name().toLowerCase(Locale.ROOT), cases, c -> c.basis() == basis);
        }
        for (Fuel fuel : Fuel.values()) {
            line(out, "fuel " + fuel.code(), cases, c -> c.fuel() == fuel);
            for (ConsumptionEstimate.Basis basis : ConsumptionEstimate.Basis.values()) {
                line(
                        out,
                        "  " + fuel.code() + ", " + basis.name().toLowerCase(Locale.ROOT),
                        cases,
                        c -> c.fuel() == fuel && c.basis() == basis);
            }
        }
        long[][] buckets = {{0, 86_400}, {86_400, 3 * 86_400}, {3 * 86_400, 7 * 86_400}, {7 * 86_400, 31 * 86_400}};
        String[] names = {"time left < 1 day", "time left 1-3 days", "time left 3-7 days", "time left > 7 days"};
        for (int i = 0; i < buckets.length; i++) {
            long lo = buckets[i][0];
            long hi = buckets[i][1];
            line(out, names[i], cases, c -> c.timeLeft() >= lo && c.timeLeft() < hi);
        }
        line(out, "balance known < 7 days before", cases, c -> c.anchorAge() < 7 * 86_400);
        line(
                out,
                "balance known 7-28 days before",
                cases,
                c -> c.anchorAge() >= 7 * 86_400 && c.anchorAge() < 28 * 86_400);
        line(out, "balance known >= 28 days before", cases, c -> c.anchorAge() >= 28 * 86_400);
        out.append(String.format(
                Locale.ROOT,
                "%nthe narrowest band holding 90%% of true use over the span (no protected periods; width/left"
                        + " median):%n%-34s %7s %20s %20s%n",
                "cases",
                "n",
                "this estimate",
                "knowing 56 days"));
        for (Fuel fuel : Fuel.values()) {
            bound(out, fuel.code(), cases, c -> c.fuel() == fuel);
            bound(
                    out,
                    "  " + fuel.code() + ", reported_balances",
                    cases,
                    c -> c.fuel() == fuel && c.basis() == ConsumptionEstimate.Basis.REPORTED_BALANCES);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, List<Case> cases, Predicate<Case> which) {
        List<Case> chosen = new ArrayList<>();
        for (Case c : cases) {
            if (which.test(c)) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%-34s %7d%n", name, 0));
            return;
        }
        long inside = chosen.stream().filter(Case::inside).count();
        long[] widths = chosen.stream().mapToLong(Case::width).sorted().toArray();
        double[] ratios = chosen.stream()
                .mapToDouble(c -> (double) c.width() / Math.max(1800, c.timeLeft()))
                .sorted()
                .toArray();
        long narrow = Arrays.stream(ratios).filter(x -> x <= 1.0 / 3).count();
        out.append(String.format(
                Locale.ROOT,
                "%-34s %7d %7.1f%% %10.1f h %14.2f %11.1f%%%n",
                name,
                chosen.size(),
                100.0 * inside / chosen.size(),
                widths[widths.length / 2] / 3600.0,
                ratios[ratios.length / 2],
                100.0 * narrow / chosen.size()));
    }

    /**
     * The band from the 5th to the 95th percentile of true over estimated use (the narrowest that holds 90%), and
     * the median width/left a window of that band would have with no protected period to snap to: for this
     * estimate and for one that knew the home's last 56 days exactly.
     */
    private static void bound(StringBuilder out, String name, List<Case> cases, Predicate<Case> which) {
        List<Case> chosen = cases.stream().filter(which).toList();
        if (chosen.isEmpty()) {
            return;
        }
        out.append(String.format(
                Locale.ROOT,
                "%-34s %7d %20s %20s%n",
                name,
                chosen.size(),
                bound(chosen, Case::used),
                bound(chosen, Case::usedOracle)));
    }

    private static String bound(List<Case> chosen, java.util.function.ToDoubleFunction<Case> used) {
        double[] u = chosen.stream().mapToDouble(used).sorted().toArray();
        double low = u[(int) (u.length * 0.05)];
        double high = u[(int) (u.length * 0.95)];
        double[] ratios = chosen.stream()
                .mapToDouble(c -> (1 / low - 1 / high) * c.span() / Math.max(1800, c.timeLeft()))
                .sorted()
                .toArray();
        return String.format(Locale.ROOT, "%3.0f%%-%3.0f%% %5.2f", 100 * low, 100 * high, ratios[ratios.length / 2]);
    }

    static Figures figures(List<Case> cases) {
        long inside = cases.stream().filter(Case::inside).count();
        double[] ratios = cases.stream()
                .mapToDouble(c -> (double) c.width() / Math.max(1800, c.timeLeft()))
                .sorted()
                .toArray();
        return new Figures(cases.size(), (double) inside / cases.size(), ratios[ratios.length / 2]);
    }

    record Figures(int cases, double insideShare, double medianWidthOverTimeLeft) {}
}
