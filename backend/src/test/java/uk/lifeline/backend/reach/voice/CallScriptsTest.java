package uk.lifeline.backend.reach.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.words.Language;

/** The scripts on their own: every digit of every block said once, slowly, and what fits Twilio's inline limit. */
class CallScriptsTest {

    private static final Voices VOICES =
            new Voices(com.twilio.twiml.voice.Say.Voice.POLLY_AMY, com.twilio.twiml.voice.Say.Voice.POLLY_GWYNETH);
    private final CallScripts scripts =
            new CallScripts(new Webhooks("https://lifeline.example.co.uk"), "+443001230000");

    private static CodeFacts code(int blocks) {
        List<String> b = new java.util.ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            b.add("1234567890" + "0987654321".substring(0, 9) + i);
        }
        return new CodeFacts(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Bright Energy & Sons <Ltd>",
                "0800 000 0000",
                false,
                "A1F3",
                b,
                "Changes the time-of-use prices from 1 April 2027",
                "Yn newid y prisiau amser defnyddio o 1 Ebrill 2027",
                Instant.parse("2027-04-01T00:00:00Z"),
                null);
    }

    @Test
    void everyGroupOfEveryBlockIsSaidDigitByDigitAndNamesAreEscaped() {
        for (Language language : Language.values()) {
            Script s = scripts.opening(UUID.randomUUID(), code(3), language);
            String plain = s.plain();
            assertThat(plain).contains("1, 2, 3, 4", "5, 6, 7, 8", "9, 0, 0, 9", "A, 1, F, 3");
            assertThat(plain.split("\n"))
                    .filteredOn(l -> l.matches("[0-9], [0-9], [0-9], [0-9]"))
                    .hasSize(15);
            String xml = s.twiml(VOICES);
            assertThat(xml).contains("Bright Energy &amp; Sons &lt;Ltd&gt;").doesNotContain("<Ltd>");
        }
    }

    @Test
    void theLongestOpeningIsMeasuredAgainstTwiliosInlineLimit() {
        for (Language language : Language.values()) {
            int one = scripts.opening(UUID.randomUUID(), code(1), language)
                    .twiml(VOICES)
                    .length();
            int three = scripts.opening(UUID.randomUUID(), code(3), language)
                    .twiml(VOICES)
                    .length();
            System.out.println(language + " opening TwiML: 1 block " + one + " chars, 3 blocks " + three);
            assertThat(one).isLessThanOrEqualTo(VoiceSender.INLINE_TWIML_LIMIT);
        }
        assertThat(VoiceSender.inline("x".repeat(VoiceSender.INLINE_TWIML_LIMIT)))
                .isTrue();
        assertThat(VoiceSender.inline("x".repeat(VoiceSender.INLINE_TWIML_LIMIT + 1)))
                .isFalse();
    }
}
