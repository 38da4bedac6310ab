package uk.lifeline.backend.reach.sms;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.words.Language;

/**
 * The words of the texts that carry a code: the supplier's name, which meter, the code in groups of four, what
 * it does, until when (UK time, GMT or BST said), the supplier's number and the reply words; never a link. Each
 * text is one part ({@link SmsBody}): when everything does not fit one, the sentences go into as few texts as
 * they fit, in order. Stateless.
 */
public final class SmsText {

    private static final String[] WELSH_MONTHS = {
        "Ion", "Chwe", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"
    };

    private SmsText() {}

    public static List<SmsBody> forCode(CodeFacts code, Language lang) {
        boolean cy = lang == Language.WELSH;
        String meter = cy
                ? "Cod i'ch mesurydd " + (code.electricity() ? "trydan" : "nwy") + " .." + code.meterTail()
                : "Code for your " + (code.electricity() ? "electricity" : "gas") + " meter .." + code.meterTail();
        List<String> sentences = new ArrayList<>();
        int n = code.blocks().size();
        if (n == 1) {
            sentences.add(meter + ": " + CodeFacts.grouped(code.blocks().get(0)) + ".");
        } else {
            sentences.add(meter + ".");
            for (int i = 0; i < n; i++) {
                sentences.add((cy ? "Rhan " + (i + 1) + " o " + n + ": " : "Part " + (i + 1) + " of " + n + ": ")
                        + CodeFacts.grouped(code.blocks().get(i)) + ".");
            }
        }
        // CommandWords starts with a verb (a Welsh verb-noun): 'It adds £20.00 credit', 'Bydd yn ychwanegu ...'.
        sentences.add((cy ? "Bydd yn " : "It ") + code.plainWords(lang) + ".");
        sentences.add((cy ? "Dilys tan " : "Valid until ") + when(code.expiresAt(), lang) + ".");
        sentences.add("Help " + code.supplierPhone() + ".");
        sentences.add(replies(lang));
        return pack(code.supplierName() + ": ", sentences);
    }

    /**
     * As few one-part texts as the sentences fit, in order, never splitting a sentence unless it is longer than
     * a part on its own; the first text starts with the supplier's name.
     */
    static List<SmsBody> pack(String who, List<String> sentences) {
        List<SmsBody> texts = new ArrayList<>();
        String current = who.strip();
        for (String sentence : sentences) {
            String joined = current.isEmpty() ? sentence : current + " " + sentence;
            if (SmsBody.fits(joined)) {
                current = joined;
                continue;
            }
            if (!current.isEmpty() && !current.equals(who.strip())) {
                texts.add(SmsBody.onePart(current).orElseThrow());
                current = "";
            }
            for (String word : sentence.split(" ")) {
                String next = current.isEmpty() ? word : current + " " + word;
                if (!SmsBody.fits(next)) {
                    texts.add(SmsBody.onePart(current).orElseThrow());
                    next = word;
                }
                current = next;
            }
        }
        if (!current.isEmpty()) {
            texts.add(SmsBody.onePart(current).orElseThrow());
        }
        return texts;
    }

    /** The short explanation sent for a reply that is none of the words. */
    public static SmsBody explanation(String supplierName, Language lang) {
        return part(supplierName + ": " + (lang == Language.WELSH ? "Heb ddeall. " : "Sorry, we did not understand. ")
                + replies(lang));
    }

    /** Plain acknowledgements of a reply, in the customer's language. */
    public static SmsBody acknowledgement(String supplierName, ReplyWord word, Language lang) {
        String text =
                switch (word) {
                    case DONE ->
                        lang == Language.WELSH
                                ? "Diolch, rydym wedi nodi bod y cod wedi'i deipio."
                                : "Thank you, we have noted the code as typed.";
                    case HELP ->
                        lang == Language.WELSH
                                ? "Byddwn yn eich ffonio'n ôl cyn gynted ag y gallwn."
                                : "We will call you back as soon as we can.";
                    case STOP ->
                        lang == Language.WELSH
                                ? "Ni fyddwn yn anfon negeseuon testun mwyach."
                                : "We will not send you texts any more.";
                    case AGAIN ->
                        lang == Language.WELSH ? "Nid oes cod yn aros amdanoch." : "You have no code waiting.";
                };
        return part(supplierName + ": " + text);
    }

    static String replies(Language lang) {
        return lang == Language.WELSH
                ? "Atebwch " + ReplyWord.DONE.word(lang) + " wedi teipio, " + ReplyWord.AGAIN.word(lang)
                        + " i'w ail-anfon, " + ReplyWord.HELP.word(lang) + " am alwad."
                : "Reply " + ReplyWord.DONE.word(lang) + " when typed, " + ReplyWord.AGAIN.word(lang) + " to resend, "
                        + ReplyWord.HELP.word(lang) + " for a call.";
    }

    /** A time as the customer reads it: UK local time with GMT or BST. */
    static String when(Instant at, Language lang) {
        ZonedDateTime t = at.atZone(MeterTime.ZONE);
        String zone = MeterTime.ZONE.getRules().isDaylightSavings(at) ? "BST" : "GMT";
        String month = lang == Language.WELSH
                ? WELSH_MONTHS[t.getMonthValue() - 1]
                : t.getMonth().getDisplayName(TextStyle.SHORT, Locale.UK);
        return t.getDayOfMonth() + " " + month + " " + t.format(DateTimeFormatter.ofPattern("HH:mm")) + " " + zone;
    }

    private static SmsBody part(String text) {
        List<SmsBody> parts = pack("", List.of(text));
        return parts.get(0);
    }
}
