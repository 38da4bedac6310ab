package uk.lifeline.backend.reach.voice;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Accepts a webhook only with a valid {@code X-Twilio-Signature}, checked by the SDK's {@link RequestValidator}
 * over the configured public URL of this very endpoint and the posted form: a request that is unsigned, signed
 * with another token, changed, or replayed to another address is refused (403). With voice not ON there is no
 * token, so every webhook is refused. Thread-safe.
 */
@Component
class TwilioSignature {

    static final String HEADER = "X-Twilio-Signature";

    private final VoiceSetup setup;
    private final RequestValidator validator;

    TwilioSignature(VoiceSetup setup) {
        this.setup = setup;
        this.validator = setup.mode() == VoiceSetup.Mode.ON
                ? new RequestValidator(setup.config().authToken())
                : null;
    }

    /** The posted parameters, once the signature over them is checked; else a 403 problem. */
    Mono<Map<String, String>> verified(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            Map<String, String> params = new LinkedHashMap<>();
            form.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
            if (validator == null) {
                throw refused("voice calls are not configured here, so no webhook is accepted");
            }
            String signature = exchange.getRequest().getHeaders().getFirst(HEADER);
            if (signature == null || signature.isEmpty()) {
                throw refused("the " + HEADER + " header is missing");
            }
            String query = exchange.getRequest().getURI().getRawQuery();
            String url =
                    setup.hooks().base() + exchange.getRequest().getPath().value() + (query == null ? "" : "?" + query);
            if (!validator.validate(url, params, signature)) {
                throw refused("the " + HEADER + " header does not match this request");
            }
            if (!setup.config().accountSid().equals(params.get("AccountSid"))) {
                throw refused("the request is not for this Twilio account");
            }
            return params;
        });
    }

    private static ApiException refused(String detail) {
        return new ApiException(ProblemType.WEBHOOK_SIGNATURE_INVALID, detail);
    }
}
