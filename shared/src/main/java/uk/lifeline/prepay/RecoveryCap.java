package uk.lifeline.prepay;

import java.util.Objects;
import uk.lifeline.calendar.CalendarPeriod;

/**
 * The most debt recovery may take in one meter-local calendar period, e.g. 500p a week from Monday.
 * Immutable and thread-safe.
 */
public record RecoveryCap(long amountPence, CalendarPeriod period) {

    public RecoveryCap {
        Objects.requireNonNull(period, "period");
        if (amountPence < 0) {
            throw new IllegalArgumentException("a recovery cap cannot be negative: " + amountPence);
        }
    }
}
