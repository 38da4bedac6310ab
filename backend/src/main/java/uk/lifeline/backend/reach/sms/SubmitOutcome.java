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

    /**
     * Written to the SMSC but never answered (the link dropped, or the answer was late): it may or may not have
     * been taken, so it is not sent again at once.
     */
    record Unanswered(String reason) implements SubmitOutcome {}

    /** Refused for good (e.g. an invalid destination). */
    record Refused(String reason) implements SubmitOutcome {}
}
