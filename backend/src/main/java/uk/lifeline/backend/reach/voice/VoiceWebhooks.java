package uk.lifeline.backend.reach.voice;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.lifeline.words.Language;

/**
 * Twilio's webhooks (docs/backend-api.md "Voice calls"): no bearer token, but every request must carry a valid
 * {@code X-Twilio-Signature} ({@link TwilioSignature}); anything else is 403 problem+json. Answers are TwiML.
 * Posted values are read strictly: a CallSid that is not one, a status Twilio does not send or keys that are not
 * keys change nothing.
 */
@RestController
class VoiceWebhooks {

    private static final MediaType TWIML = MediaType.APPLICATION_XML;
    private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-f]{32}");
    private static final Pattern KEYS = Pattern.compile("[0-9*#]{0,10}");
    private static final Set<String> STATUSES = Set.of(
            "queued", "initiated", "ringing", "in-progress", "completed", "busy", "no-answer", "failed", "canceled");

    private static final CallFlow.Answer HANG_UP = CallFlow.Answer.of(Script.of(Language.ENGLISH, new Script.End()));

    private final TwilioSignature signature;
    private final CallFlow flow;
    private final VoiceSetup setup;

    VoiceWebhooks(TwilioSignature signature, CallFlow flow, VoiceSetup setup) {
        this.signature = signature;
        this.flow = flow;
        this.setup = setup;
    }

    @PostMapping(Webhooks.PREFIX + "/calls/{callId}/status")
    Mono<ResponseEntity<Void>> status(@PathVariable String callId, ServerWebExchange exchange) {
        return signature.verified(exchange).flatMap(p -> {
            UUID id = uuid(callId);
            String sid = p.getOrDefault("CallSid", "");
            String status = p.getOrDefault("CallStatus", "");
            if (id == null || !CALL_SID.matcher(sid).matches() || !STATUSES.contains(status)) {
                return Mono.just(ResponseEntity.noContent().build());
            }
            return flow.status(id, sid, status)
                    .thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }

    @PostMapping(Webhooks.PREFIX + "/calls/{callId}/opening")
    Mono<ResponseEntity<String>> opening(@PathVariable String callId, ServerWebExchange exchange) {
        return signature.verified(exchange).flatMap(p -> {
            UUID id = uuid(callId);
            String sid = p.getOrDefault("CallSid", "");
            if (id == null || !CALL_SID.matcher(sid).matches()) {
                return twiml(HANG_UP);
            }
            return flow.opening(id, sid).flatMap(this::twiml);
        });
    }

    @PostMapping(Webhooks.PREFIX + "/calls/{callId}/keys")
    Mono<ResponseEntity<String>> keys(@PathVariable String callId, ServerWebExchange exchange) {
        return signature.verified(exchange).flatMap(p -> {
            UUID id = uuid(callId);
            String sid = p.getOrDefault("CallSid", "");
            String digits = keys(p);
            if (id == null || !CALL_SID.matcher(sid).matches()) {
                return twiml(HANG_UP);
            }
            return flow.keys(id, sid, digits).flatMap(this::twiml);
        });
    }

    @PostMapping(Webhooks.PREFIX + "/inbound")
    Mono<ResponseEntity<String>> inbound(ServerWebExchange exchange) {
        return signature
                .verified(exchange)
                .flatMap(p -> flow.inbound(p.getOrDefault("From", "")))
                .flatMap(this::twiml);
    }

    /** The inbound number's "call status changes" webhook: a recorded inbound call ends. */
    @PostMapping(Webhooks.PREFIX + "/inbound/status")
    Mono<ResponseEntity<Void>> inboundStatus(ServerWebExchange exchange) {
        return signature.verified(exchange).flatMap(p -> {
            String sid = p.getOrDefault("CallSid", "");
            String status = p.getOrDefault("CallStatus", "");
            if (!CALL_SID.matcher(sid).matches() || !STATUSES.contains(status)) {
                return Mono.just(ResponseEntity.noContent().<Void>build());
            }
            return flow.inboundStatus(sid, status)
                    .thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }

    @PostMapping(Webhooks.PREFIX + "/inbound/pin")
    Mono<ResponseEntity<String>> pin(ServerWebExchange exchange) {
        return signature.verified(exchange).flatMap(p -> {
            String sid = p.getOrDefault("CallSid", "");
            if (!CALL_SID.matcher(sid).matches()) {
                return twiml(HANG_UP);
            }
            return flow.pin(p.getOrDefault("From", ""), keys(p), sid).flatMap(this::twiml);
        });
    }

    /** The keys pressed, or nothing when what was posted cannot be keys. */
    private static String keys(Map<String, String> p) {
        String digits = p.getOrDefault("Digits", "");
        return KEYS.matcher(digits).matches() ? digits : "";
    }

    private Mono<ResponseEntity<String>> twiml(CallFlow.Answer answer) {
        return Mono.just(ResponseEntity.ok()
                .contentType(TWIML)
                .body(Script.twiml(setup.voices(), answer.scripts().toArray(Script[]::new))));
    }

    private static UUID uuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
