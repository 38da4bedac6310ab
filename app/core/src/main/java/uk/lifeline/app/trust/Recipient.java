package uk.lifeline.app.trust;

import java.util.Objects;

/**
 * Whose envelopes this app takes: the supplier (its code, the envelopes' {@code iss}) and the customer account
 * the app is linked to. Immutable.
 */
public record Recipient(String supplier, String customerId) {

    public Recipient {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(customerId, "customerId");
    }
}
