package uk.lifeline.app.account;

import java.time.Instant;
import java.util.Objects;
import uk.lifeline.app.trust.Recipient;

/**
 * The app's link to a customer account, from an activation: which backend, the session token, and whose codes
 * it takes. Kept only encrypted ({@link SessionVault}). {@link #toString()} never shows the token. Immutable.
 *
 * @param server the backend's base URL, e.g. {@code https://lifeline.example.co.uk}
 * @param supplier the supplier's code, as envelopes name it ({@code iss})
 * @param supplierPhone the number to call, as the supplier gives it
 */
public record Session(
        String server,
        String token,
        Instant expiresAt,
        String customerId,
        String supplier,
        String supplierName,
        String supplierPhone) {

    public Session {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(supplierName, "supplierName");
        Objects.requireNonNull(supplierPhone, "supplierPhone");
    }

    public Recipient recipient() {
        return new Recipient(supplier, customerId);
    }

    public boolean hasExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Session[" + server + " customer " + customerId + " of " + supplier + " until " + expiresAt + "]";
    }
}
