package uk.lifeline.app.wallet;

/**
 * Where a code in the wallet is, as the customer sees it. Stored by code: never rename one.
 */
public enum CodeStatus {
    /** Received and verified; not started. */
    NEW("new"),
    /** The customer has started typing it. */
    ENTERING("entering"),
    /** Every block typed; the app waits for the customer to say what the meter showed. */
    ENTERED("entered"),
    /** The meter showed it accepted. */
    ACCEPTED("accepted"),
    /** The meter refused it; {@link WalletCode#outcome()} says how, and whether to try again. */
    REJECTED("rejected"),
    /** Past its expiry time before it was accepted. */
    EXPIRED("expired"),
    /** The supplier withdrew it: never type it. */
    CANCELLED("cancelled");

    private final String code;

    CodeStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code (never falls back to a default) */
    public static CodeStatus fromCode(String code) {
        for (CodeStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown code status '" + code + "'");
    }
}
