package uk.lifeline.backend.reach.sms;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import uk.lifeline.words.Language;

/**
 * The words a customer may text back, in English and Welsh; both languages' words work whichever language the
 * customer's texts are in. The one place they are defined: texts teach them from here and replies are read here.
 */
public enum ReplyWord {
    AGAIN("AGAIN", "ETO"),
    DONE("DONE", "WEDI"),
    HELP("HELP", "CYMORTH"),
    STOP("STOP", "STOPIO");

    private final String english;
    private final String welsh;

    ReplyWord(String english, String welsh) {
        this.english = english;
        this.welsh = welsh;
    }

    public String word(Language language) {
        return language == Language.WELSH ? welsh : english;
    }

    /** A reply's word: its first word, any case, without punctuation; empty if it is none of them. */
    public static Optional<ReplyWord> read(String reply) {
        String first = reply.strip().split("[\\s.!,]+", 2)[0].toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(w -> w.english.equals(first) || w.welsh.equals(first))
                .findFirst();
    }
}
