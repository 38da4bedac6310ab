package uk.lifeline.app.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;

/**
 * A code whose envelope verified: the facts the supplier signed, and the envelope itself (kept, so the wallet
 * holds the proof). Only {@link EnvelopeVerifier} makes one from a received envelope. Immutable.
 *
 * @param id the code's id in the backend (the envelope's {@code jti})
 * @param supplier the supplier's code (the envelope's {@code iss})
 * @param meterId the meter's EUI-64, 16 hex digits (the envelope's {@code sub})
 * @param blocks one to three 20-digit blocks, in the order they are typed
 */
public record SignedCode(
        String id,
        String supplier,
        String meterId,
        String customerId,
        MeterCommand command,
        long counter,
        List<String> blocks,
        Instant issuedAt,
        Instant expiresAt,
        String keyId,
        String envelope) {

    public SignedCode {
        blocks = Collections.unmodifiableList(new ArrayList<>(blocks));
    }

    public CommandType type() {
        return command.type();
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "SignedCode[" + id + " " + command.type().commandName() + " counter " + counter + " meter " + meterId
                + "]";
    }
}
