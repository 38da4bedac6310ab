package uk.lifeline.app.wallet;

import java.time.Instant;
import java.util.UUID;
import uk.lifeline.app.entry.EntryOutcome;

/**
 * A result waiting to reach the backend. Immutable.
 *
 * @param seq the outbox's own number, in the order results were recorded (0 before it is stored)
 * @param resultId made once when the result is recorded and sent (as the {@code Idempotency-Key}) with every
 *     attempt, so a retry after a lost answer is the same result, never a second one
 */
public record PendingResult(long seq, String codeId, EntryOutcome outcome, String resultId, Instant recordedAt) {

    /** A new result for a code, with its own id. */
    public static PendingResult of(String codeId, EntryOutcome outcome, Instant recordedAt) {
        return new PendingResult(0, codeId, outcome, UUID.randomUUID().toString(), recordedAt);
    }
}
