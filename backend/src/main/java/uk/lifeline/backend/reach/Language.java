package uk.lifeline.backend.reach;

import java.util.Arrays;
import java.util.Optional;

/** The language of what a customer is sent: English or Welsh. The codes are ISO 639-1, as stored and served. */
public enum Language {
    EN("en"),
    CY("cy");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Language> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }
}
