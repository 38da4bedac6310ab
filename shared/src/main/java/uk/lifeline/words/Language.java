package uk.lifeline.words;

import java.util.Locale;

/** The languages a customer reads and hears Lifeline in: English and Welsh, each complete. Immutable. */
public enum Language {
    ENGLISH("en"),
    WELSH("cy");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag: {@code en} or {@code cy}. */
    public String tag() {
        return tag;
    }

    /** The language whose tag is exactly this ({@code en} or {@code cy}), for stored and sent values; else empty. */
    public static java.util.Optional<Language> fromTag(String tag) {
        for (Language l : values()) {
            if (l.tag.equals(tag)) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }

    /** Welsh for a tag starting {@code cy} ({@code cy}, {@code cy-GB}), English for anything else. */
    public static Language ofTag(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith(WELSH.tag) ? WELSH : ENGLISH;
    }
}
