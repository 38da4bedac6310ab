package uk.lifeline.app.wallet;

import java.time.Instant;
import uk.lifeline.app.entry.EntryOutcome;

/**
 * A result waiting to reach the backend. Immutable.
 *
 * @param seq the outbox's own number, in the order results were recorded (0 before it is stored)
 */
public record PendingResult(long seq, String codeId, EntryOutcome outcome, Instant recordedAt) {}
