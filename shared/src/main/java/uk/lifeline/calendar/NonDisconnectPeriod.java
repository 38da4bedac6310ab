package uk.lifeline.calendar;

import java.time.Instant;
import uk.lifeline.command.SetNonDisconnectPeriod;

/**
 * A supplier-set period (extreme weather, a vulnerable household) during which the supply is never disabled:
 * from {@code start} inclusive to {@code end} exclusive, absolute instants. Immutable and thread-safe.
 */
public record NonDisconnectPeriod(Instant start, Instant end) {

    public NonDisconnectPeriod {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "a non-disconnect period must end after it starts: " + start + " " + end);
        }
    }

    public static NonDisconnectPeriod of(SetNonDisconnectPeriod command) {
        return new NonDisconnectPeriod(command.start(), command.end());
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
