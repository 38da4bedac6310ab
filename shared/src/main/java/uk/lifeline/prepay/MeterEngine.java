package uk.lifeline.prepay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.MeterCommand;

/**
 * Applies a decoded command, a button press or an emergency-credit request to a meter state at an instant, as a
 * real meter would, and says what changed: what an agent sees before issuing a code. Time between the state and
 * the instant is not charged here (that needs consumption: see {@link Simulator}). Stateless and thread-safe.
 */
public final class MeterEngine {

    private MeterEngine() {}

    /**
     * @throws IllegalArgumentException if {@code at} is before the state's instant
     */
    public static Outcome apply(MeterState state, MeterCommand command, Instant at) {
        return handle(state, new MeterEvent.CodeEntered(at, command));
    }

    public static Outcome pressButton(MeterState state, Instant at) {
        return handle(state, new MeterEvent.ButtonPressed(at));
    }

    public static Outcome requestEmergencyCredit(MeterState state, Instant at) {
        return handle(state, new MeterEvent.EmergencyCreditRequested(at));
    }

    /**
     * Handles one event. A refusal returns the state it was given, unchanged, with the reason.
     *
     * @throws IllegalArgumentException if the event is before the state's instant
     */
    public static Outcome handle(MeterState state, MeterEvent event) {
        List<TimelineEntry> changes = new ArrayList<>();
        Registers registers = new Registers(state, changes);
        registers.moveTo(event.at(), MeterTime.local(event.at()));
        Denied denied = registers.perform(event);
        if (denied != null) {
            return new Outcome.Refused(state, denied.reason(), denied.detail());
        }
        return new Outcome.Applied(registers.toState(), changes);
    }
}
