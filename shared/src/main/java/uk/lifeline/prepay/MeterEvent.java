package uk.lifeline.prepay;

import java.time.Instant;
import java.util.Objects;
import uk.lifeline.command.MeterCommand;

/** Something that happens at a meter at an instant, for a {@link Simulator}. Immutable. */
public sealed interface MeterEvent {

    Instant at();

    /** A code accepted by the meter's decoder, carrying this command. */
    record CodeEntered(Instant at, MeterCommand command) implements MeterEvent {
        public CodeEntered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(command, "command");
        }
    }

    /** The customer presses the button that restores an armed supply. */
    record ButtonPressed(Instant at) implements MeterEvent {
        public ButtonPressed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The customer accepts the emergency credit the meter offers. */
    record EmergencyCreditRequested(Instant at) implements MeterEvent {
        public EmergencyCreditRequested {
            Objects.requireNonNull(at, "at");
        }
    }
}
