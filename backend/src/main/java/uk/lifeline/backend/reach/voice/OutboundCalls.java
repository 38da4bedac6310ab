package uk.lifeline.backend.reach.voice;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.contact.PhoneNumber;
import uk.lifeline.words.Language;

/**
 * How the escalation ladder asks for a call: in its VOICE step's transaction, a call row is written (the sender
 * asks Twilio after commit), or, in the demo, the script is recorded and nobody is dialled, or, with voice off,
 * nothing. Thread-safe.
 */
@Component
public class OutboundCalls {

    /**
     * What the VOICE step did.
     *
     * @param outcome what the ladder records for the step
     * @param callCentreNow true when no call will reach the customer (the call centre's step is due at once)
     */
    public record Placed(String outcome, boolean callCentreNow) {}

    private final VoiceSetup setup;
    private final VoiceCalls calls;
    private final CodeDesk codes;

    OutboundCalls(VoiceSetup setup, VoiceCalls calls, CodeDesk codes) {
        this.setup = setup;
        this.calls = calls;
        this.codes = codes;
    }

    public Mono<Placed> queue(
            UUID supplier, UUID customer, UUID code, UUID campaign, PhoneNumber to, Language language, Instant now) {
        if (setup.mode() == VoiceSetup.Mode.OFF) {
            return Mono.just(new Placed("no call: voice calls are not configured", true));
        }
        UUID id = UUID.randomUUID();
        boolean demo = setup.mode() == VoiceSetup.Mode.DEMO;
        return codes.code(supplier, code)
                .flatMap(facts -> calls.queue(
                        id,
                        supplier,
                        customer,
                        code,
                        campaign,
                        to.e164(),
                        language,
                        demo ? "demo" : "pending",
                        setup.scripts().opening(id, facts, language).plain(),
                        now))
                .map(queued -> !queued
                        ? new Placed("no call: this code already had its call", false)
                        : demo
                                ? new Placed("demo: call script recorded for " + to.tail() + ", not dialled", true)
                                : new Placed("calling " + to.tail(), false))
                .defaultIfEmpty(new Placed("no call: the code's digits are not released", true));
    }
}
