package uk.lifeline.app.ui.screen.entry;

import android.content.Context;
import android.speech.tts.TextToSpeech;
import java.util.Locale;

/**
 * Reads groups of digits aloud with the phone's own text-to-speech, slowly, one group each time the customer
 * asks (their pace, not the phone's). The engine starts only when first needed. Main thread only.
 */
final class ReadAloud {

    private static final float SLOWER = 0.8f;

    private final Context context;
    private final Locale language;
    private final Runnable unavailable;
    private TextToSpeech speech;
    private boolean ready;
    private String waiting;

    /**
     * @param language the screen's language (Welsh or UK English)
     * @param unavailable told when the phone has no voice for it or speech fails, so the screen can say so
     */
    ReadAloud(Context context, Locale language, Runnable unavailable) {
        this.context = context;
        this.language = language;
        this.unavailable = unavailable;
    }

    void say(String text) {
        if (speech == null) {
            waiting = text;
            speech = new TextToSpeech(context, status -> {
                ready = status == TextToSpeech.SUCCESS && speech.setLanguage(language) >= TextToSpeech.LANG_AVAILABLE;
                if (!ready) {
                    waiting = null;
                    unavailable.run();
                } else {
                    speech.setSpeechRate(SLOWER);
                    if (waiting != null) {
                        speak(waiting);
                        waiting = null;
                    }
                }
            });
            return;
        }
        if (ready) {
            speak(text);
        } else {
            waiting = text;
        }
    }

    void stop() {
        if (speech != null) {
            speech.stop();
        }
    }

    void shutdown() {
        if (speech != null) {
            speech.shutdown();
            speech = null;
        }
    }

    private void speak(String text) {
        if (speech.speak(text, TextToSpeech.QUEUE_FLUSH, null, "lifeline-group") != TextToSpeech.SUCCESS) {
            unavailable.run();
        }
    }
}
