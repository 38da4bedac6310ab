package uk.lifeline.backend.reach.voice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Voice calls on, in demo, or off, decided once from {@code lifeline.voice.*} and said at start-up: ON with a
 * Twilio account, token, from-number and public URL; DEMO ({@code lifeline.voice.demo}, the embedded default's
 * choice) records each call's script and dials nobody; OFF otherwise (the ladder goes straight to the call
 * centre). Immutable.
 */
@Component
@EnableConfigurationProperties(VoiceProperties.class)
class VoiceSetup {

    enum Mode {
        ON,
        DEMO,
        OFF
    }

    private static final Logger log = LoggerFactory.getLogger(VoiceSetup.class);

    private final VoiceProperties config;
    private final Mode mode;
    private final Voices voices;
    private final Webhooks hooks;
    private final CallScripts scripts;

    VoiceSetup(VoiceProperties config) {
        this.config = config;
        this.mode = config.configured() ? Mode.ON : config.demo() ? Mode.DEMO : Mode.OFF;
        this.voices = Voices.of(config);
        this.hooks = new Webhooks(mode == Mode.ON ? config.base() : "http://demo.invalid");
        this.scripts = new CallScripts(hooks, config.callCentreNumber());
        switch (mode) {
            case ON ->
                log.info(
                        "Voice calls are ON: {}. The from-number's voice webhook (POST) must be {} and its"
                                + " call status callback {}",
                        config,
                        hooks.inbound(),
                        hooks.inboundStatus());
            case DEMO ->
                log.warn("Voice calls are in DEMO mode: each call's script is recorded and nobody is dialled"
                        + " (see the demo phones page). Set lifeline.voice.account-sid, auth-token, from-number and"
                        + " public-base-url for real calls.");
            case OFF ->
                log.warn("Voice calls are OFF: no Twilio account is configured (lifeline.voice.account-sid,"
                        + " auth-token, from-number, public-base-url); the ladder goes from texts to the call centre.");
        }
    }

    Mode mode() {
        return mode;
    }

    VoiceProperties config() {
        return config;
    }

    Voices voices() {
        return voices;
    }

    Webhooks hooks() {
        return hooks;
    }

    CallScripts scripts() {
        return scripts;
    }

    /** For health: what voice calls do here, in one sentence. */
    String description() {
        return switch (mode) {
            case ON -> "voice on: Twilio, calls from " + config.fromNumber();
            case DEMO -> "voice in DEMO mode: call scripts recorded, nobody dialled";
            case OFF -> "voice OFF: no Twilio account is configured (lifeline.voice.*)";
        };
    }
}
