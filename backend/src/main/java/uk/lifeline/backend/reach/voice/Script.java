package uk.lifeline.backend.reach.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.SsmlProsody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import uk.lifeline.words.Language;

/**
 * One step of a call, as a list of parts in one language: rendered as TwiML with the Twilio SDK's builders (what
 * Twilio says) and as plain text (what the call log shows). Both come from the same parts, so the log says what
 * the call said. Immutable.
 */
record Script(Language language, List<Part> parts) {

    sealed interface Part permits Words, Digits, Silence, Keys, Connect, End {}

    /** Words said at the normal pace. */
    record Words(String text) implements Part {}

    /** Digits said one by one, slowly. */
    record Digits(String digits) implements Part {}

    record Silence(int seconds) implements Part {}

    /**
     * Waits for keys while the prompt is said: one key ({@code digits} 1), or up to the hash key (0); Twilio posts
     * them to {@code action}. With no key, the call goes on to the next part.
     */
    record Keys(String action, int digits, List<Part> prompt) implements Part {
        Keys {
            prompt = List.copyOf(prompt);
        }
    }

    /** Puts the caller through to a number. */
    record Connect(String number) implements Part {}

    record End() implements Part {}

    Script {
        parts = List.copyOf(parts);
    }

    static Script of(Language language, Part... parts) {
        return new Script(language, Arrays.asList(parts));
    }

    Script then(Part... more) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(Arrays.asList(more));
        return new Script(language, all);
    }

    Script then(Script more) {
        return then(more.parts().toArray(Part[]::new));
    }

    /** The TwiML document, with the language's voice. */
    String twiml(Voices voices) {
        return twiml(voices, this);
    }

    /** One TwiML document saying several scripts in turn, each in its own language's voice. */
    static String twiml(Voices voices, Script... scripts) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        for (Script s : scripts) {
            s.render(response, voices);
        }
        return response.build().toXml();
    }

    private void render(VoiceResponse.Builder response, Voices voices) {
        for (Part p : parts) {
            if (p instanceof Words || p instanceof Digits) {
                response.say(say(p, voices));
            } else if (p instanceof Silence s) {
                response.pause(pause(s));
            } else if (p instanceof Keys k) {
                response.gather(gather(k, voices));
            } else if (p instanceof Connect c) {
                response.dial(new Dial.Builder(c.number()).build());
            } else {
                response.hangup(new Hangup.Builder().build());
            }
        }
    }

    private Gather gather(Keys k, Voices voices) {
        Gather.Builder g = new Gather.Builder()
                .action(k.action())
                .method(HttpMethod.POST)
                .timeout(10)
                .inputs(Gather.Input.DTMF);
        g = k.digits() > 0 ? g.numDigits(k.digits()) : g.finishOnKey("#");
        for (Part p : k.prompt()) {
            if (p instanceof Silence s) {
                g.pause(pause(s));
            } else if (p instanceof Words || p instanceof Digits) {
                g.say(say(p, voices));
            } else {
                throw new IllegalArgumentException("only words and pauses while waiting for keys");
            }
        }
        return g.build();
    }

    private Say say(Part p, Voices voices) {
        Say.Builder say = p instanceof Digits d
                ? new Say.Builder()
                        .prosody(new SsmlProsody.Builder(spaced(d.digits()))
                                .rate("slow")
                                .build())
                : new Say.Builder(((Words) p).text());
        return say.voice(voices.voice(language))
                .language(voices.locale(language))
                .build();
    }

    private static Pause pause(Silence s) {
        return new Pause.Builder().length(s.seconds()).build();
    }

    /** "4712" as "4, 7, 1, 2": each digit said on its own. */
    static String spaced(String digits) {
        return digits.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(", "));
    }

    /** What the step says, as plain text: a line per sentence, pauses as "(pause)", keys' prompts in line. */
    String plain() {
        List<String> lines = new ArrayList<>();
        plain(parts, lines);
        return String.join("\n", lines);
    }

    private static void plain(List<Part> parts, List<String> lines) {
        for (Part p : parts) {
            if (p instanceof Words w) {
                lines.add(w.text());
            } else if (p instanceof Digits d) {
                lines.add(spaced(d.digits()));
            } else if (p instanceof Silence s) {
                lines.add("(pause " + s.seconds() + " s)");
            } else if (p instanceof Keys k) {
                plain(k.prompt(), lines);
            } else if (p instanceof Connect c) {
                lines.add("(put through to " + c.number() + ")");
            } else {
                lines.add("(hang up)");
            }
        }
    }
}
