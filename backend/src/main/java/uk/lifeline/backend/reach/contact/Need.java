package uk.lifeline.backend.reach.contact;

import java.util.Arrays;
import java.util.Optional;

/**
 * Something about a customer that changes how to reach them. The codes are part of the API and the database:
 * never rename one. What each need does to the escalation ladder is decided in {@link Reachability}.
 */
public enum Need {
    /** Cannot read small print: a text is hard to read, so a voice call comes early. */
    SMALL_PRINT("SMALL_PRINT"),
    /** Blind or partially sighted: a call rather than a text. */
    BLIND_OR_PARTIALLY_SIGHTED("BLIND_OR_PARTIALLY_SIGHTED"),
    /** Deaf or hard of hearing: never a voice call. */
    DEAF_OR_HARD_OF_HEARING("DEAF_OR_HARD_OF_HEARING"),
    /** Someone else (the nominee) is contacted instead of the customer. */
    NOMINEE("NOMINEE");

    private final String code;

    Need(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Need> fromCode(String code) {
        return Arrays.stream(values()).filter(n -> n.code.equals(code)).findFirst();
    }
}
