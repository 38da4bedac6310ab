package uk.lifeline.backend.reach;

import java.util.Arrays;
import java.util.Optional;

/** A way to reach a customer. The codes are part of the API and the database: never rename one. */
public enum Channel {
    APP("APP"),
    SMS("SMS"),
    VOICE("VOICE");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Channel> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
