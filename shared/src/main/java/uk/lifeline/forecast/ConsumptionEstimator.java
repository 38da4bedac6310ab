package uk.lifeline.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.Pence;
import uk.lifeline.command.SetDebt;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.Tariff;

/**
 * Estimates a home's consumption from what its supplier knows: balances the customer reported with the top-ups
 * between them; else its top-ups alone (at a steady rate, what goes on is what is spent); else the typical home
 * ({@link TypicalProfile}). Money is turned back into energy with the meter's own tariff, after the standing
 * charge and debt recovery the meter took. The band each basis gets is the one place the window's width is set
 * (tuned by the accuracy study in docs/forecast.md). Stateless and thread-safe.
 */
public final class ConsumptionEstimator {

    /** How far back history counts. */
    public static final Duration LOOKBACK = Duration.ofDays(56);
    /** The shortest spans that say anything about a home's use. */
    static final Duration MIN_REPORTED_SPAN = Duration.ofDays(5);

    static final Duration MIN_TOP_UP_SPAN = Duration.ofDays(10);

    /*
     * The band from reported balances (the one place its rule lives): the home's use over the coming stretch
     * strays from the estimate about as much as its use strayed between its own reports, pooled with the fuel's
     * typical stray (worth PRIOR_STRETCHES stretches) and widened for an estimate from few stretches. Both spreads
     * are thousandths of the estimate, tuned on simulated homes and checked on others (docs/forecast.md).
     */
    static final int OWN_SPREAD = 112;
    // Gas follows the weather, which a few weeks of history cannot see coming.
    static final int OWN_GAS_SPREAD = 200;

    static final int PRIOR_STRETCHES = 6;
    /** The normal distribution's two-sided 90% point, in thousandths: the window aims to hold nine cases in ten. */
    static final int Z90 = 1645;

    // From top-ups alone: the estimate spans many top-ups, so it strays less than one stretch does (tuned likewise).
    static final int TOP_UPS_LOW = 87;
    static final int TOP_UPS_HIGH = 116;
    static final int TOP_UPS_GAS_LOW = 82;
    static final int TOP_UPS_GAS_HIGH = 122;
    // Ofgem's low and high TDCVs over the medium: electricity 1,800 and 4,100 of 2,700; gas 7,500 and 17,000 of 11,500.
    static final int TYPICAL_LOW = 66;
    static final int TYPICAL_HIGH = 152;

    private ConsumptionEstimator() {}

    public static ConsumptionEstimate estimate(
            Fuel fuel, MeterState state, List<? extends Observation> history, Instant now) {
        Instant from = now.minus(LOOKBACK);
        List<Observation.BalanceSeen> balances = new ArrayList<>();
        List<Observation.TopUpSeen> topUps = new ArrayList<>();
        for (Observation o : history) {
            if (o.at().isBefore(from) || o.at().isAfter(now)) {
                continue;
            }
            if (o instanceof Observation.BalanceSeen b) {
                balances.add(b);
            } else {
                topUps.add((Observation.TopUpSeen) o);
            }
        }
        balances.sort(Comparator.comparing(Observation::at));
        topUps.sort(Comparator.comparing(Observation::at));
        if (balances.size() >= 2) {
            Observation.BalanceSeen first = balances.get(0);
            Observation.BalanceSeen last = balances.get(balances.size() - 1);
            if (Duration.between(first.at(), last.at()).compareTo(MIN_REPORTED_SPAN) >= 0) {
                long toppedUp = toppedUp(topUps, first, last);
                Use use = use(
                        fuel,
                        state,
                        first.positionPence() + toppedUp - last.positionPence(),
                        toppedUp,
                        first.at(),
                        last.at());
                Band band = band(fuel, use.averageDay(), stretches(fuel, state, balances, topUps));
                return estimate(
                        fuel,
                        use,
                        ConsumptionEstimate.Basis.REPORTED_BALANCES,
                        band.lowPercent(),
                        band.highPercent(),
                        balances.size() + " balances reported from " + first.at() + " to " + last.at() + " and "
                                + Pence.toPounds(toppedUp) + " of top-ups between them; over " + band.stretches()
                                + " stretch(es) between reports its use strayed from that by about "
                                + band.ownStrayThousandths() / 10 + "%");
            }
        }
        if (topUps.size() >= 3) {
            Instant first = topUps.get(0).at();
            Instant last = topUps.get(topUps.size() - 1).at();
            if (Duration.between(first, last).compareTo(MIN_TOP_UP_SPAN) >= 0) {
                long spent = 0;
                for (int i = 0; i < topUps.size() - 1; i++) {
                    spent += topUps.get(i).pence();
                }
                return estimate(
                        fuel,
                        use(fuel, state, spent, spent, first, last),
                        ConsumptionEstimate.Basis.TOP_UP_HISTORY,
                        fuel == Fuel.GAS ? TOP_UPS_GAS_LOW : TOP_UPS_LOW,
                        fuel == Fuel.GAS ? TOP_UPS_GAS_HIGH : TOP_UPS_HIGH,
                        topUps.size() + " top-ups from " + first + " to " + last
                                + " (" + Pence.toPounds(spent) + " spent between the first and the last, taking the"
                                + " balance at each top-up to be about the same)");
            }
        }
        return typical(fuel);
    }

    /** The typical home for the fuel, with Ofgem's low-to-high spread as its band. */
    public static ConsumptionEstimate typical(Fuel fuel) {
        return new ConsumptionEstimate(
                fuel,
                TypicalProfile.averageDayWattHours(fuel),
                TYPICAL_LOW,
                TYPICAL_HIGH,
                ConsumptionEstimate.Basis.TYPICAL_PROFILE,
                java.util.Arrays.asList("no usable history: a typical " + fuel.code()
                        + " home (Ofgem's medium typical domestic consumption, "
                        + TypicalProfile.averageDayWattHours(fuel) * 365 / 1000 + " kWh a year), shaped by season"
                        + " and day of week"));
    }

    /** What a home used over a span, from what it spent: its de-seasoned average day and what was taken off. */
    record Use(long averageDay, long standingPence, long debtPence) {}

    static Use use(Fuel fuel, MeterState state, long spent, long toppedUp, Instant from, Instant to) {
        long seconds = Duration.between(from, to).getSeconds();
        Tariff tariff = state.tariff();
        BigDecimal standing = tariff.standingCharge()
                .pence()
                .multiply(BigDecimal.valueOf(seconds))
                .divide(BigDecimal.valueOf(86_400), 6, RoundingMode.DOWN);
        long debt = state.debts().paymentBased().amountPence() > 0
                ? toppedUp * state.debts().paymentBased().percent() / 100
                : 0;
        debt += timeDebt(state.debts().timeBased1(), seconds)
                + timeDebt(state.debts().timeBased2(), seconds);
        BigDecimal energyPence =
                BigDecimal.valueOf(spent - debt).subtract(standing).max(BigDecimal.ZERO);
        long energyWh = energyPence
                .multiply(BigDecimal.valueOf(10_000))
                .divide(pencePerTenKwh(fuel, tariff), 0, RoundingMode.DOWN)
                .longValueExact();
        // De-season: divide by how many average days the span was worth (the profile's month and weekday factors).
        long dayThousandths = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(3600)) {
            dayThousandths += TypicalProfile.dayFactor(fuel, MeterTime.local(t));
        }
        long averageDay = dayThousandths == 0 ? 0 : energyWh * 24_000 / dayThousandths;
        return new Use(averageDay, standing.setScale(0, RoundingMode.DOWN).longValue(), debt);
    }

    /** A stretch between two reported balances: the home's de-seasoned average day over it, and its length. */
    record Stretch(long averageDayWattHours, long seconds) {}

    /**
     * The stretches between successive reported balances, each at least {@link #MIN_REPORTED_SPAN} (shorter ones
     * are joined to the next).
     */
    static List<Stretch> stretches(
            Fuel fuel, MeterState state, List<Observation.BalanceSeen> balances, List<Observation.TopUpSeen> topUps) {
        List<Stretch> stretches = new ArrayList<>();
        Observation.BalanceSeen from = balances.get(0);
        for (Observation.BalanceSeen to : balances) {
            if (Duration.between(from.at(), to.at()).compareTo(MIN_REPORTED_SPAN) < 0) {
                continue;
            }
            long toppedUp = toppedUp(topUps, from, to);
            long spent = from.positionPence() + toppedUp - to.positionPence();
            stretches.add(new Stretch(
                    use(fuel, state, spent, toppedUp, from.at(), to.at()).averageDay(),
                    Duration.between(from.at(), to.at()).getSeconds()));
            from = to;
        }
        return stretches;
    }

    /** Top-ups after {@code from} up to and including {@code to}, in pence. */
    private static long toppedUp(List<Observation.TopUpSeen> topUps, Observation from, Observation to) {
        long pence = 0;
        for (Observation.TopUpSeen t : topUps) {
            if (t.at().isAfter(from.at()) && !t.at().isAfter(to.at())) {
                pence += t.pence();
            }
        }
        return pence;
    }

    /**
     * The band from reported balances and what it rests on: the home's own stray between its reports (root mean
     * square, thousandths of the estimate) over how many stretches.
     */
    record Band(int lowPercent, int highPercent, long ownStrayThousandths, int stretches) {}

    /**
     * The fuel's typical stray pooled with the home's own (each stretch weighted by its length), times
     * {@code (k + 1) / k} for an estimate from k stretches, and {@link #Z90} of that either side.
     */
    static Band band(Fuel fuel, long averageDay, List<Stretch> stretches) {
        long prior = fuel == Fuel.GAS ? OWN_GAS_SPREAD : OWN_SPREAD;
        int k = Math.max(1, stretches.size());
        long weighted = 0;
        long seconds = 0;
        if (averageDay > 0) {
            for (Stretch s : stretches) {
                long stray = Math.min(10_000, Math.abs(s.averageDayWattHours() - averageDay) * 1000 / averageDay);
                weighted += stray * stray * s.seconds();
                seconds += s.seconds();
            }
        }
        long own = seconds == 0 ? 0 : weighted / seconds;
        // The coming stretch strays like one more stretch, and an average of k stretches is itself off by 1/k of it.
        long pooled = (PRIOR_STRETCHES * prior * prior + (long) stretches.size() * own) / (PRIOR_STRETCHES + k - 1);
        long spread = isqrt(pooled * (k + 1) / k);
        int half = (int) Math.min(9000, (spread * Z90 + 999) / 1000);
        int high = 100 + (half + 9) / 10;
        int low = (int) (100_000L / (1000 + half));
        return new Band(low, high, isqrt(own), stretches.size());
    }

    /** The largest whole number whose square is at most {@code v} (no floating point here). */
    static long isqrt(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("no square root of a negative number");
        }
        long x = v;
        long y = v / 2 + 1;
        while (y < x) {
            x = y;
            y = (x + v / x) / 2;
        }
        return x;
    }

    private static ConsumptionEstimate estimate(
            Fuel fuel, Use use, ConsumptionEstimate.Basis basis, int low, int high, String why) {
        return new ConsumptionEstimate(
                fuel,
                use.averageDay(),
                low,
                high,
                basis,
                java.util.Arrays.asList(
                        why,
                        "after the standing charge (" + Pence.toPounds(use.standingPence()) + ") and debt recovery ("
                                + Pence.toPounds(use.debtPence()) + "), about " + use.averageDay() * 365 / 1000
                                + " kWh a year at the meter's tariff"));
    }

    private static long timeDebt(TimeDebt d, long seconds) {
        if (d.amountPence() == 0) {
            return 0;
        }
        long periods = d.per() == SetDebt.Recovery.PER_HOUR ? seconds / 3600 : seconds / 86_400;
        return Math.min(d.amountPence(), d.ratePence() * periods);
    }

    /** What 10 kWh in the profile's daily shape costs at the tariff (a block tariff at its first tier). */
    static BigDecimal pencePerTenKwh(Fuel fuel, Tariff tariff) {
        BigDecimal total = BigDecimal.ZERO;
        int weight = TypicalProfile.dayWeight(fuel);
        long used = 0;
        for (int i = 0; i < 48; i++) {
            long wh = 10_000L * TypicalProfile.halfHourWeight(fuel, i) / weight;
            total = total.add(tariff.halfHourCharge(LocalTime.of(i / 2, i % 2 * 30), wh, 0));
            used += wh;
        }
        if (used == 0 || total.signum() == 0) {
            return BigDecimal.ONE;
        }
        return total.multiply(BigDecimal.valueOf(10_000)).divide(BigDecimal.valueOf(used), 6, RoundingMode.HALF_EVEN);
    }
}
