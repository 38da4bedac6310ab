package uk.lifeline.app.wallet;

import java.time.Instant;
import uk.lifeline.app.trust.EnvelopeProblem;

/**
 * A message that claimed to carry a code or notice but failed verification. Only why and when are kept, never
 * its digits: it is not shown as a code, and the customer is told to call their supplier. Immutable.
 *
 * @param channel how it arrived: {@code pull}, {@code stream} or {@code push}
 */
public record RefusedMessage(EnvelopeProblem problem, String channel, Instant receivedAt) {}
