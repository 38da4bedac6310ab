package uk.lifeline.backend.reach.sms;

/** What became of one submit_sm. Immutable. */
sealed interface SubmitOutcome {

    /** The SMSC took it and gave its message id. */
    record Accepted(String smscId) implements SubmitOutcome {}

    /**
     * Not taken now: throttled, the SMSC's queue full, or no answer. {@code linkDown}: there was no bound link,
     * so nothing was sent and the attempt does not count towards giving up.
     */
    record RetryLater(String reason, boolean linkDown) implements SubmitOutcome {}

    /** Refused for good (e.g. an invalid destination). */
    record Refused(String reason) implements SubmitOutcome {}
}
