package uk.lifeline.app.trust;

/**
 * Why the app refused an envelope. Any of these means the message is never shown as a code to type, and the
 * customer is told to call their supplier. Each has a stable code for logs and the API; never renumber.
 */
public enum EnvelopeProblem {
    /** Not a compact JWS, or its claims are not the ones an envelope has. */
    MALFORMED("malformed"),
    /** A JWS, but not of the envelope's type (e.g. a sign-in token). */
    WRONG_TYPE("wrong-type"),
    /** Not ES256: the only algorithm envelopes are signed with. */
    WRONG_ALGORITHM("wrong-algorithm"),
    /** No key with this kid in the supplier's key set, even after fetching it again. */
    UNKNOWN_KEY("unknown-key"),
    /** The key exists but belongs to someone else (another supplier, or the backend's sign-in key). */
    WRONG_KEY_OWNER("wrong-key-owner"),
    /** The signature does not match: changed on the way, or signed with another key. */
    BAD_SIGNATURE("bad-signature"),
    /** Signed by the supplier, but for another supplier's or another customer's account. */
    NOT_FOR_THIS_ACCOUNT("not-for-this-account"),
    /** The digits do not match the facts: a bad check digit, the wrong number of blocks or another command. */
    DIGITS_DO_NOT_MATCH("digits-do-not-match"),
    /** The server's key set is not one the supplier's bundled trust anchor signed (a rogue or stale server). */
    UNTRUSTED_KEY_SET("untrusted-key-set"),
    /** The key set could not be fetched and none is cached: nothing can be checked yet (retried later). */
    KEYS_UNAVAILABLE("keys-unavailable");

    private final String code;

    EnvelopeProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code (never falls back to a default) */
    public static EnvelopeProblem fromCode(String code) {
        for (EnvelopeProblem problem : values()) {
            if (problem.code.equals(code)) {
                return problem;
            }
        }
        throw new IllegalArgumentException("unknown envelope problem '" + code + "'");
    }
}
