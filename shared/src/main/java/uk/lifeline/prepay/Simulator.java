package uk.lifeline.prepay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.SetDebt;

/**
 * Runs a meter through time: half-hourly consumption and events (codes, button presses, emergency-credit
 * requests), giving the timeline of every change and the final state.
 *
 * <p>At each half-hour boundary, in this order: the half hour just ended is charged (if the supply was on at any
 * time in it); on the hour, per-hour debt is recovered; at meter-local midnight, a scheduled tariff due that day
 * comes in, the day's standing charge is taken and per-day debt recovered; then the supply rule is applied.
 * Events between boundaries happen at their own instants, after everything due at or before them; an event at a
 * boundary comes after that boundary's charges. Boundaries are instants, so a 23-hour day has 46 half hours and a
 * 25-hour day 50, with one standing charge each. Stateless and thread-safe.
 */
public final class Simulator {

    private Simulator() {}

    /**
     * @throws IllegalArgumentException if the profile starts before the state's instant, or an event falls before
     *     the profile's start or after its end
     */
    public static Simulation run(MeterState start, ConsumptionProfile profile, List<? extends MeterEvent> events) {
        List<MeterEvent> pending = new ArrayList<>(events);
        pending.sort(Comparator.comparing(MeterEvent::at));
        if (!pending.isEmpty()
                && (pending.get(0).at().isBefore(profile.start())
                        || pending.get(pending.size() - 1).at().isAfter(profile.end()))) {
            throw new IllegalArgumentException(
                    "events must fall within the readings, " + profile.start() + " to " + profile.end());
        }
        // About one entry a half hour (its energy charge) plus a few a day and a few an event: sized once.
        List<TimelineEntry> timeline = new ArrayList<>(profile.size() + profile.size() / 8 + 8 * pending.size() + 16);
        Registers r = new Registers(start, timeline);
        MeterTime.Cursor clock = new MeterTime.Cursor();
        int next = 0;
        LocalDateTime intervalStart = null;
        boolean onInInterval = false;
        for (int i = 0; i <= profile.size(); i++) {
            Instant boundary = profile.startOf(i);
            for (; next < pending.size() && pending.get(next).at().isBefore(boundary); next++) {
                onInInterval |= handle(r, pending.get(next), clock);
            }
            LocalDateTime local = clock.local(boundary);
            r.moveTo(boundary, local);
            long availableBefore = r.available();
            long balanceBefore = r.balance;
            if (i > 0) {
                if (onInInterval || r.supply == SupplyState.ENABLED) {
                    r.chargeHalfHour(intervalStart, profile.wattHours(i - 1));
                }
                if (local.getMinute() == 0) {
                    r.recoverTimeDebt(SetDebt.Recovery.PER_HOUR);
                }
            }
            if (i < profile.size() && local.getHour() == 0 && local.getMinute() == 0) {
                r.startDay(local.toLocalDate());
            }
            r.settleSupply();
            r.notice(availableBefore, balanceBefore);
            onInInterval = r.supply == SupplyState.ENABLED;
            intervalStart = local;
        }
        for (; next < pending.size(); next++) {
            handle(r, pending.get(next), clock);
        }
        return new Simulation(start, timeline, r.toState());
    }

    /** Handles an event in the simulation; a refusal goes on the timeline. Returns whether the supply is on after. */
    private static boolean handle(Registers r, MeterEvent event, MeterTime.Cursor clock) {
        r.moveTo(event.at(), clock.local(event.at()));
        Denied denied = r.perform(event);
        if (denied != null) {
            r.record(Change.REFUSED, 0, what(event) + ": " + denied.reason().code() + ": " + denied.detail());
        }
        return r.supply == SupplyState.ENABLED;
    }

    private static String what(MeterEvent event) {
        if (event instanceof MeterEvent.CodeEntered code) {
            return CommandRules.describe(code.command());
        }
        return event instanceof MeterEvent.ButtonPressed ? "button" : "emergency-credit";
    }
}
