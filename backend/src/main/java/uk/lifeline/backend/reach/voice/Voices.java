package uk.lifeline.backend.reach.voice;

import com.twilio.twiml.voice.Say;
import java.util.Arrays;
import uk.lifeline.words.Language;

/** The Say voice and locale for each language, from {@code lifeline.voice.*-voice}. Immutable. */
record Voices(Say.Voice english, Say.Voice welsh) {

    static Voices of(VoiceProperties config) {
        return new Voices(named(config.englishVoice()), named(config.welshVoice()));
    }

    Say.Voice voice(Language language) {
        return language == Language.WELSH ? welsh : english;
    }

    Say.Language locale(Language language) {
        return language == Language.WELSH ? Say.Language.CY_GB : Say.Language.EN_GB;
    }

    /** A voice by Twilio's name ({@code Polly.Gwyneth}); refused at start-up if Twilio has no such voice. */
    private static Say.Voice named(String name) {
        return Arrays.stream(Say.Voice.values())
                .filter(v -> v.toString().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lifeline.voice: Twilio has no voice named " + name));
    }
}
