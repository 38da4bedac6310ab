package uk.lifeline.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.TopUp;
import uk.lifeline.prepay.Change;
import uk.lifeline.prepay.ConsumptionProfile;
import uk.lifeline.prepay.MeterEvent;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.Simulation;
import uk.lifeline.prepay.Simulator;
import uk.lifeline.prepay.SupplyState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.prepay.TimelineEntry;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.TimeOfUse;

/**
 * Forecasts when a meter without the WAN runs out: the shared tariff engine ({@link Simulator}) runs the meter
 * forward from the last state its supplier knew, through the codes it took since, twice: once with the heavy end
 * of the consumption band and once with the light end. Each run counts everything the meter does (standing
 * charges, debt recovery, emergency credit, friendly-credit and non-disconnect periods), so the two runs' first
 * disablements after the last known code are the window's ends. The customer is taken to accept emergency credit
 * as soon as the meter offers it, and to press the button after a top-up or emergency credit. Stateless and
 * thread-safe; the app runs the same code, so it shows the same window.
 */
public final class RunOutForecast {

    private static final long HALF_HOUR = 1800;
    /** Emergency credit can be offered again after each top-up since the anchor; a few rounds suffice. */
    private static final int MAX_ROUNDS = 6;

    private RunOutForecast() {}

    /**
     * @param anchor the meter's state as last known (its {@code asOf} is when its balance was true)
     * @param since codes the meter took after the anchor, oldest first or not
     * @param now the forecast's instant; the window may start before it (the supply may already be off)
     * @param horizon how far past {@code now} to look
     */
    public static RunOut forecast(
            MeterState anchor,
            List<? extends MeterEvent> since,
            ConsumptionEstimate estimate,
            Instant now,
            Duration horizon) {
        Instant start = ceilHalfHour(anchor.asOf());
        Instant end = ceilHalfHour((now.isAfter(start) ? now : start).plus(horizon));
        List<String> rests = new ArrayList<>();
        rests.add("the meter's state as known at " + anchor.asOf()
                + (since.isEmpty() ? "" : " and " + since.size() + " code(s) it took since"));
        rests.addAll(estimate.restsOn());
        rests.add("heavy end " + estimate.highPercent() + "% and light end " + estimate.lowPercent()
                + "% of that use; the customer takes emergency credit when offered");
        if (anchor.mode() == ChangeMode.Mode.CREDIT) {
            return new RunOut(RunOut.Kind.CREDIT_MODE, null, null, end, estimate, rests);
        }
        MeterState from = at(anchor, start);
        List<MeterEvent> events = new ArrayList<>();
        Instant lastKnown = start;
        for (MeterEvent e : since) {
            Instant when = e.at().isBefore(start) ? start : e.at();
            if (when.isAfter(end)) {
                continue;
            }
            events.add(at(e, when));
            if (e instanceof MeterEvent.CodeEntered code && code.command() instanceof TopUp && when.isBefore(end)) {
                events.add(new MeterEvent.ButtonPressed(when.plusSeconds(1)));
            }
            if (when.isAfter(lastKnown)) {
                lastKnown = when;
            }
        }
        if (events.isEmpty() && anchor.supply() != SupplyState.ENABLED) {
            return new RunOut(RunOut.Kind.ALREADY_OFF, anchor.asOf(), anchor.asOf(), end, estimate, rests);
        }
        if (events.isEmpty() && lastsBeyond(from, estimate, start, end)) {
            return new RunOut(RunOut.Kind.NOT_WITHIN_HORIZON, end, null, end, estimate, rests);
        }
        Instant heavy = disabledAt(from, events, estimate, estimate.highPercent(), start, end, lastKnown);
        Instant light = disabledAt(from, events, estimate, estimate.lowPercent(), start, end, lastKnown);
        if (heavy == null && light == null) {
            return new RunOut(RunOut.Kind.NOT_WITHIN_HORIZON, end, null, end, estimate, rests);
        }
        // Usually heavy use runs out first, but not always: a protected window or emergency credit offered at a
        // different moment can turn it round, so the window spans both.
        Instant earliest = heavy == null ? light : light == null || heavy.isBefore(light) ? heavy : light;
        Instant latest = heavy == null || light == null ? null : heavy.isBefore(light) ? light : heavy;
        return new RunOut(
                latest == null ? RunOut.Kind.FROM_EARLIEST : RunOut.Kind.WINDOW,
                earliest,
                latest,
                end,
                estimate,
                rests);
    }

    /** The first disablement at or after {@code after} with consumption at {@code percent}, or null. */
    static Instant disabledAt(
            MeterState from,
            List<MeterEvent> known,
            ConsumptionEstimate estimate,
            int percent,
            Instant start,
            Instant end,
            Instant after) {
        Simulation run = runTakingEmergencyCredit(from, profile(estimate, percent, start, end), known);
        for (TimelineEntry e : run.timeline()) {
            if (e.change() == Change.SUPPLY_DISABLED && !e.at().isBefore(after)) {
                return e.at();
            }
        }
        return null;
    }

    /**
     * True when the credit the meter already has covers more than the heavy end could possibly cost before
     * {@code end}: all its energy at the tariff's dearest rate, a standing charge for every day begun and every
     * time-based recovery due. Then no run is needed (most meters on a daily list). Emergency credit and
     * protected periods only make the supply last longer, so leaving them out keeps the bound safe. Block tariffs
     * and pending prices are always run.
     */
    static boolean lastsBeyond(MeterState s, ConsumptionEstimate estimate, Instant start, Instant end) {
        if (s.supply() != SupplyState.ENABLED || s.pendingTariff().isPresent()) {
            return false;
        }
        long dearest;
        if (s.tariff() instanceof SingleRate single) {
            dearest = single.unitRate().thousandthsOfPenny();
        } else if (s.tariff() instanceof TimeOfUse tou) {
            dearest = 0;
            for (TimeOfUse.RateSwitch r : tou.switches()) {
                dearest = Math.max(dearest, r.rate().thousandthsOfPenny());
            }
        } else {
            return false;
        }
        long wattHours = profile(estimate, estimate.highPercent(), start, end).totalWattHours();
        long days = (end.getEpochSecond() - start.getEpochSecond()) / 86_400 + 2;
        long bound = Math.multiplyExact(wattHours, dearest) / 1_000_000
                + 1
                + days * (s.tariff().standingCharge().thousandthsOfPenny() / 1000 + 1)
                + days * (recovery(s.debts().timeBased1()) + recovery(s.debts().timeBased2()));
        return s.credit().meterBalance() - s.settings().disablementThreshold() > bound;
    }

    private static long recovery(TimeDebt d) {
        return d.amountPence() == 0 ? 0 : d.per() == SetDebt.Recovery.PER_HOUR ? 25 * d.ratePence() : d.ratePence();
    }

    /**
     * Runs the meter as {@link Simulator#run} does, with the customer accepting emergency credit at the instant the
     * meter offers it and pressing the button then: the one place this assumption about customers lives.
     */
    public static Simulation runTakingEmergencyCredit(
            MeterState from, ConsumptionProfile profile, List<? extends MeterEvent> known) {
        List<MeterEvent> events = new ArrayList<>(known);
        Simulation run = Simulator.run(from, profile, events);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant offered = null;
            for (TimelineEntry e : run.timeline()) {
                if (e.change() == Change.EMERGENCY_CREDIT_AVAILABLE && !requested(events, e.at())) {
                    offered = e.at();
                    break;
                }
            }
            if (offered == null) {
                return run;
            }
            events.add(new MeterEvent.EmergencyCreditRequested(offered));
            events.add(new MeterEvent.ButtonPressed(offered));
            run = Simulator.run(from, profile, events);
        }
        return run;
    }

    private static boolean requested(List<MeterEvent> events, Instant at) {
        for (MeterEvent e : events) {
            if (e instanceof MeterEvent.EmergencyCreditRequested && e.at().equals(at)) {
                return true;
            }
        }
        return false;
    }

    /** The home's half hours from {@code start} to {@code end} at {@code percent} of its estimated use. */
    static ConsumptionProfile profile(ConsumptionEstimate estimate, int percent, Instant start, Instant end) {
        int n = (int) ((end.getEpochSecond() - start.getEpochSecond()) / HALF_HOUR);
        long[] wh = new long[n];
        MeterTime.Cursor clock = new MeterTime.Cursor();
        for (int i = 0; i < n; i++) {
            wh[i] = TypicalProfile.halfHourWattHours(
                    estimate.fuel(),
                    estimate.averageDayWattHours(),
                    percent,
                    clock.local(start.plusSeconds(HALF_HOUR * i)));
        }
        return ConsumptionProfile.of(start, wh);
    }

    static Instant ceilHalfHour(Instant t) {
        long s = t.getEpochSecond();
        long r = Math.floorMod(s, HALF_HOUR);
        return r == 0 && t.getNano() == 0 ? t : Instant.ofEpochSecond(s - r + HALF_HOUR);
    }

    /** The same state, taken to hold at {@code when} (the half hour after it was known: no charge in between). */
    private static MeterState at(MeterState s, Instant when) {
        return new MeterState(
                s.settings(),
                when,
                s.mode(),
                s.supply(),
                s.tariff(),
                s.pendingTariff(),
                s.credit(),
                s.debts(),
                s.friendlyCredit(),
                s.nonDisconnect(),
                s.han(),
                s.accruals(),
                s.totals());
    }

    private static MeterEvent at(MeterEvent e, Instant when) {
        if (e.at().equals(when)) {
            return e;
        }
        if (e instanceof MeterEvent.CodeEntered c) {
            return new MeterEvent.CodeEntered(when, c.command());
        }
        return e instanceof MeterEvent.ButtonPressed
                ? new MeterEvent.ButtonPressed(when)
                : new MeterEvent.EmergencyCreditRequested(when);
    }

    /** The window in a person's words, meter-local with the zone (GMT/BST), e.g. "Thu 3 Dec 18:00 GMT". */
    public static String describe(Instant t) {
        java.time.ZonedDateTime z = t.atZone(MeterTime.ZONE);
        return z.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", java.util.Locale.UK));
    }
}
