package uk.lifeline.app.trust;

import java.time.Instant;

/**
 * A notice whose envelope verified: today only the emergency non-disconnect notice ('your supply will not be cut
 * off until ...'), which the app shows until {@code until}. Immutable.
 *
 * @param kind {@link #NON_DISCONNECT}
 * @param message the supplier's own words (signed with the rest), or null
 */
public record SignedNotice(
        String id,
        String supplier,
        String customerId,
        String kind,
        Instant from,
        Instant until,
        String message,
        String envelope) {

    public static final String NON_DISCONNECT = "non-disconnect";

    public boolean isActive(Instant now) {
        return !now.isBefore(from) && now.isBefore(until);
    }

    public boolean hasEnded(Instant now) {
        return !now.isBefore(until);
    }
}
