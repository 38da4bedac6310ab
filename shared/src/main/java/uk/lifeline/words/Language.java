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

    /** Welsh for a tag starting {@code cy} ({@code cy}, {@code cy-GB}), English for anything else. */
    public static Language ofTag(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith(WELSH.tag) ? WELSH : ENGLISH;
    }
}
