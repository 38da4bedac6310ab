package uk.lifeline.backend.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import uk.lifeline.backend.psr.PsrNeed;
import uk.lifeline.command.Pence;
import uk.lifeline.forecast.ConsumptionEstimate;
import uk.lifeline.forecast.ConsumptionEstimator;
import uk.lifeline.forecast.Observation;
import uk.lifeline.forecast.RunOut;
import uk.lifeline.forecast.RunOutForecast;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.SupplyState;

/**
 * The at-risk rules, in one place: which signals a meter raises (with a reason each) and how dangerous it is.
 * Danger order: PSR customers first (medically dependent first among them), then a supply reported or modelled
 * off, then the earliest run-out, then more signals, then the meter id. Stateless and thread-safe.
 */
final class Signals {

    /** A meter's signals, forecast and sort key; null entry when it raises none. */
    record Assessment(AtRiskEntry entry, int psrRank, boolean off, Instant earliest, int count) {}

    /** Top-ups within this span make a "usual interval" (three or more). */
    static final Duration TOP_UP_LOOKBACK = ConsumptionEstimator.LOOKBACK;
    /** A problem code or "no supply" report counts for this long. */
    static final Duration RECENT = Duration.ofDays(7);

    static final Comparator<Assessment> DANGER = Comparator.<Assessment>comparingInt(a -> a.psrRank)
            .thenComparing(a -> !a.off)
            .thenComparing(a -> a.earliest, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(a -> -a.count)
            .thenComparing(a -> a.entry.meterId());

    private Signals() {}

    static Assessment assess(MeterFacts f, Instant now, int days) {
        MeterState s = f.state();
        List<AtRiskEntry.Reason> reasons = new ArrayList<>();
        if (f.noSupplyAt() != null) {
            reasons.add(reason(RiskSignal.NO_SUPPLY_REPORTED, "the customer reported no supply at " + f.noSupplyAt()));
        }
        boolean modelledOff = s.supply() != SupplyState.ENABLED;
        if (modelledOff) {
            reasons.add(reason(
                    RiskSignal.SUPPLY_OFF,
                    "the modelled supply is " + s.supply().code() + " as of " + s.asOf()));
        }
        RunOut runOut = runOut(f, now, Duration.ofDays(days + 1L));
        Instant by = now.plus(Duration.ofDays(days));
        if (!modelledOff && runOut.mayRunOutBy(by)) {
            reasons.add(reason(
                    RiskSignal.RUN_OUT_SOON,
                    "credit may run out between "
                            + RunOutForecast.describe(runOut.earliest()) + " and "
                            + (runOut.latest() == null
                                    ? "after " + RunOutForecast.describe(runOut.horizonEnd())
                                    : RunOutForecast.describe(runOut.latest()))));
        }
        if (s.credit().emergencyCreditActive()) {
            reasons.add(reason(
                    RiskSignal.EMERGENCY_CREDIT_IN_USE,
                    "emergency credit in use: "
                            + Pence.toPounds(s.credit().emergencyCreditBalance()) + " of "
                            + Pence.toPounds(s.settings().emergencyCreditLimit()) + " left"));
        }
        if (f.problemCodes() > 0) {
            reasons.add(reason(
                    RiskSignal.CODE_PROBLEM_REPORTED,
                    f.problemCodes() + " code(s) came back locked or credit too high in the last " + RECENT.toDays()
                            + " days"));
        }
        String overdue = overdue(f.topUps(), now);
        if (overdue != null) {
            reasons.add(reason(RiskSignal.TOP_UP_OVERDUE, overdue));
        }
        if (s.debts().accumulatedDebt() > 0) {
            reasons.add(reason(
                    RiskSignal.DEBT_GROWING,
                    Pence.toPounds(s.debts().accumulatedDebt())
                            + " of charges the meter could not take are waiting in the Accumulated Debt Register"));
        }
        if (reasons.isEmpty()) {
            return null;
        }
        boolean psr = !f.psr().isEmpty();
        boolean medical = f.psr().stream().anyMatch(PsrNeed::medicallyDependent);
        List<String> needs = new ArrayList<>();
        for (PsrNeed n : f.psr()) {
            needs.add(n.code());
        }
        AtRiskEntry.RunOutView view = view(runOut);
        Instant earliest = view.earliest();
        AtRiskEntry entry = new AtRiskEntry(
                0,
                f.meterId(),
                f.fuel().code(),
                f.customerId(),
                f.customerName(),
                psr,
                medical,
                needs,
                reasons,
                view,
                s.credit().available(),
                s.supply().code(),
                s.asOf(),
                f.modelSource());
        boolean off = modelledOff || f.noSupplyAt() != null;
        return new Assessment(entry, medical ? 0 : psr ? 1 : 2, off, earliest, reasons.size());
    }

    /**
     * The meter's run-out forecast from what the backend knows: the model as the anchor, the home's use from the
     * balances its customer read off the display and its top-ups (else the typical home), through the shared
     * engine. The list and the customer's app both use this.
     */
    static RunOut runOut(MeterFacts f, Instant now, Duration horizon) {
        List<Observation> history = new ArrayList<>(f.topUps());
        history.addAll(f.readings());
        ConsumptionEstimate estimate = ConsumptionEstimator.estimate(f.fuel(), f.state(), history, now);
        return RunOutForecast.forecast(f.state(), List.of(), estimate, now, horizon);
    }

    /** The window as the API shows it; no window (earliest null) in credit mode or past the horizon. */
    static AtRiskEntry.RunOutView view(RunOut runOut) {
        Instant earliest = runOut.kind() == RunOut.Kind.CREDIT_MODE || runOut.kind() == RunOut.Kind.NOT_WITHIN_HORIZON
                ? null
                : runOut.earliest();
        return new AtRiskEntry.RunOutView(
                runOut.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                earliest,
                runOut.latest(),
                earliest == null
                        ? null
                        : RunOutForecast.describe(earliest) + " to "
                                + (runOut.latest() == null ? "later" : RunOutForecast.describe(runOut.latest())),
                runOut.estimate()
                        .basis()
                        .name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'),
                runOut.restsOn());
    }

    /** The overdue reason, or null: three or more top-ups, and the last longer ago than 1.5 x their median gap. */
    static String overdue(List<Observation> topUps, Instant now) {
        if (topUps.size() < 3) {
            return null;
        }
        long[] at =
                topUps.stream().mapToLong(o -> o.at().getEpochSecond()).sorted().toArray();
        long[] gaps = new long[at.length - 1];
        for (int i = 1; i < at.length; i++) {
            gaps[i - 1] = at[i] - at[i - 1];
        }
        Arrays.sort(gaps);
        long usual = gaps[gaps.length / 2];
        long since = now.getEpochSecond() - at[at.length - 1];
        if (usual <= 0 || since * 2 <= usual * 3) {
            return null;
        }
        return "no top-up for " + since / 86_400 + " days; usually every " + Math.max(1, usual / 86_400) + " days";
    }

    private static AtRiskEntry.Reason reason(RiskSignal s, String detail) {
        return new AtRiskEntry.Reason(s.code(), detail);
    }
}
