package uk.lifeline.app.entry;

import uk.lifeline.meter.Rejection;
import uk.lifeline.prepay.Refusal;

/**
 * What the PPMID or meter showed after the customer typed a code, as the customer picks it. Each has a stable
 * code (stored on the phone) and the result the backend records ({@code POST /api/v1/codes/{id}/result}); what to
 * do next is in the app's resources, in English and Welsh. Never renumber or rename a code.
 */
public enum EntryOutcome {
    /** The meter took the code. */
    ACCEPTED("accepted", "ACCEPTED", null, false),
    /** Refused without more detail ('rejected', 'invalid'): most often a digit typed wrong. */
    REJECTED("rejected", "REJECTED", "unknown", true),
    /** The meter already has this code. */
    DUPLICATE("duplicate", "REJECTED", Rejection.DUPLICATE.code(), false),
    /** The meter's balance would go over its maximum ('credit high'). */
    CREDIT_TOO_HIGH("credit-too-high", "REJECTED", Refusal.OVER_MAXIMUM_BALANCE.code(), true),
    /** The keypad is locked after several wrong codes. */
    LOCKED("locked", "REJECTED", Rejection.LOCKED_OUT.code(), true);

    private final String code;
    private final String reportedOutcome;
    private final String reportedReason;
    private final boolean mayRetry;

    EntryOutcome(String code, String reportedOutcome, String reportedReason, boolean mayRetry) {
        this.code = code;
        this.reportedOutcome = reportedOutcome;
        this.reportedReason = reportedReason;
        this.mayRetry = mayRetry;
    }

    public String code() {
        return code;
    }

    /** The backend's outcome: {@code ACCEPTED} or {@code REJECTED}. */
    public String reportedOutcome() {
        return reportedOutcome;
    }

    /** The reason the backend records with a rejection (a meter rejection code), or null when accepted. */
    public String reportedReason() {
        return reportedReason;
    }

    /** Whether the customer should enter the same code again later (it stays in the list of codes to enter). */
    public boolean mayRetry() {
        return mayRetry;
    }

    /** @throws IllegalArgumentException for an unknown code (never falls back to a default) */
    public static EntryOutcome fromCode(String code) {
        for (EntryOutcome outcome : values()) {
            if (outcome.code.equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown entry outcome '" + code + "'");
    }
}
