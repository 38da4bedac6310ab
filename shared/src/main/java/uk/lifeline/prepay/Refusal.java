package uk.lifeline.prepay;

/**
 * Why a meter in this state refuses a command, a button press or an emergency-credit request. A refusal changes
 * nothing. Each has a stable code and advice in plain words; never rename a code. Immutable and thread-safe.
 */
public enum Refusal {
    /** A single top-up larger than the Maximum Credit Threshold. */
    OVER_MAXIMUM_CREDIT("over-maximum-credit", "This top-up is larger than this meter takes at once. Split it."),
    /** The meter balance would go above the Maximum Meter Balance ("credit high"). */
    OVER_MAXIMUM_BALANCE(
            "over-maximum-balance",
            "This would take the meter over its maximum balance. Use some credit first, or top up less."),
    /** A top-up while the meter is in credit mode: the customer pays by bill. */
    CREDIT_MODE("credit-mode", "This meter is in credit mode and takes no top-ups."),
    /** A non-disconnect period that has already ended. */
    PERIOD_ENDED("period-ended", "This period has already ended. Ask for a new code."),
    /** Emergency credit asked for when it is not offered (active already, balance not low, or credit mode). */
    EMERGENCY_CREDIT_UNAVAILABLE("emergency-credit-unavailable", "Emergency credit is not available now."),
    /** The button pressed with no armed supply to restore. */
    SUPPLY_NOT_ARMED("supply-not-armed", "There is no supply waiting to be restored.");

    private final String code;
    private final String advice;

    Refusal(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    public String code() {
        return code;
    }

    public String advice() {
        return advice;
    }

    /** @throws IllegalArgumentException for an unknown code (never falls back to a default) */
    public static Refusal fromCode(String code) {
        for (Refusal refusal : values()) {
            if (refusal.code.equals(code)) {
                return refusal;
            }
        }
        throw new IllegalArgumentException("unknown refusal code '" + code + "'");
    }
}
