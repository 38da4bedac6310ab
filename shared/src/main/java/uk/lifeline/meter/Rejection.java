package uk.lifeline.meter;

/**
 * Why a meter refused a block or a code. Each has a stable code (for logs, the API and the app) and a stable
 * exit status for the CLI; never renumber. Only {@link #BAD_MAC} counts towards the keypad lockout.
 */
public enum Rejection {
    /** Wrong number of digits, a character that is not a digit, or a check digit that does not match. */
    TYPO("typo", 10, "Check the digits and enter the block again."),
    /** A well-formed block of a kind this meter does not take: reserved sub class or bits, bad parameters. */
    UNSUPPORTED("unsupported", 11, "This meter cannot take this code. Contact your supplier."),
    /** The MAC does not match: not made with this supplier's key, or made for another meter. */
    BAD_MAC("bad-mac", 12, "This code is not for this meter. Check you are using the right meter."),
    /** The meter has already accepted this code. */
    DUPLICATE("duplicate", 13, "This code has already been used."),
    /** Older than the meter's counter window or cache, or superseded by a newer code it has accepted. */
    COUNTER_TOO_OLD("counter-too-old", 14, "This code is out of date. Ask your supplier for a new one."),
    /** A block of a chained code entered before the blocks ahead of it, or after entry timed out. */
    BLOCK_OUT_OF_ORDER("block-out-of-order", 15, "Enter the blocks in order, starting from block 1."),
    /** A later block that belongs to a different code from the one being entered. */
    BLOCK_FROM_ANOTHER_CODE("block-from-another-code", 16, "This block belongs to a different code."),
    /** Too many codes with a bad MAC: the keypad is locked for a while. */
    LOCKED_OUT("locked-out", 17, "Too many wrong codes. Wait, then try again."),
    /** A code whose effect has already passed, e.g. a non-disconnect period that has ended. */
    EXPIRED("expired", 18, "This code has expired. Ask your supplier for a new one."),
    /** Counter bits that rebuild below 1: a code more than 512 ahead of the newest the meter accepted. */
    OUT_OF_WINDOW("out-of-window", 19, "Enter your earlier codes first, or ask your supplier for a new code.");

    private final String code;
    private final int exitStatus;
    private final String advice;

    Rejection(String code, int exitStatus, String advice) {
        this.code = code;
        this.exitStatus = exitStatus;
        this.advice = advice;
    }

    public String code() {
        return code;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** What to tell the person at the keypad, in plain words. */
    public String advice() {
        return advice;
    }

    /** @throws IllegalArgumentException for an unknown code (never falls back to a default) */
    public static Rejection fromCode(String code) {
        for (Rejection r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rejection code '" + code + "'");
    }
}
