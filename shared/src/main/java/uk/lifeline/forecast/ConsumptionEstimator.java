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

    // The band each basis gets, as percentages of the estimate: tuned on simulated homes (docs/forecast.md).
    static final int OWN_LOW = 83;
    static final int OWN_HIGH = 122;
    // Gas follows the weather, which a few weeks of history cannot see coming.
    static final int OWN_GAS_LOW = 72;
    static final int OWN_GAS_HIGH = 138;
    static final int TOP_UPS_LOW = 80;
    static final int TOP_UPS_HIGH = 125;
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
                long toppedUp = 0;
                for (Observation.TopUpSeen t : topUps) {
                    if (t.at().isAfter(first.at()) && !t.at().isAfter(last.at())) {
                        toppedUp += t.pence();
                    }
                }
                long spent = first.positionPence() + toppedUp - last.positionPence();
                return fromSpend(
                        fuel,
                        state,
                        spent,
                        toppedUp,
                        first.at(),
                        last.at(),
                        ConsumptionEstimate.Basis.REPORTED_BALANCES,
                        fuel == Fuel.GAS ? OWN_GAS_LOW : OWN_LOW,
                        fuel == Fuel.GAS ? OWN_GAS_HIGH : OWN_HIGH,
                        balances.size() + " balances reported from " + first.at() + " to " + last.at() + " and "
                                + Pence.toPounds(toppedUp) + " of top-ups between them");
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
                return fromSpend(
                        fuel,
                        state,
                        spent,
                        spent,
                        first,
                        last,
                        ConsumptionEstimate.Basis.TOP_UP_HISTORY,
                        TOP_UPS_LOW,
                        TOP_UPS_HIGH,
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

    private static ConsumptionEstimate fromSpend(
            Fuel fuel,
            MeterState state,
            long spent,
            long toppedUp,
            Instant from,
            Instant to,
            ConsumptionEstimate.Basis basis,
            int low,
            int high,
            String why) {
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
        return new ConsumptionEstimate(
                fuel,
                averageDay,
                low,
                high,
                basis,
                java.util.Arrays.asList(
                        why,
                        "after the standing charge ("
                                + Pence.toPounds(
                                        standing.setScale(0, RoundingMode.DOWN).longValue())
                                + ") and debt recovery (" + Pence.toPounds(debt) + "), about "
                                + averageDay * 365 / 1000 + " kWh a year at the meter's tariff"));
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
