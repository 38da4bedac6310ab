package uk.lifeline.backend.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.Problems;

/**
 * Applies the {@link TextRule} to what arrives outside the body, before anything else looks at it (the security
 * chain included): every decoded path segment, every query parameter's name and value, and every header value.
 * Header values are bytes on the wire, read here one byte to one character, so the rule refuses C0 (other than tab),
 * DEL and the bytes 0x80-0x9F (which the security firewall would otherwise refuse later, as a 500, when the header
 * is read); which headers must be ASCII is up to the header (e.g. {@code Idempotency-Key}).
 */
@Component
@Order(-200)
class TextFilter implements WebFilter {

    private final ObjectMapper json;

    TextFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiException refusal;
        try {
            refusal = check(exchange.getRequest());
        } catch (IllegalArgumentException e) {
            // A percent-escape that is not UTF-8 cannot be decoded at all.
            refusal = TextRule.refusal("path", "an escape that is not UTF-8");
        }
        return refusal == null ? chain.filter(exchange) : write(exchange, refusal);
    }

    private static ApiException check(ServerHttpRequest request) {
        for (PathContainer.Element element :
                request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String fault = TextRule.fault(segment.valueToMatch());
                if (fault != null) {
                    return TextRule.refusal("path", fault);
                }
            }
        }
        for (Map.Entry<String, List<String>> parameter :
                request.getQueryParams().entrySet()) {
            String fault = TextRule.fault(parameter.getKey());
            for (int i = 0; fault == null && i < parameter.getValue().size(); i++) {
                fault = TextRule.fault(parameter.getValue().get(i));
            }
            if (fault != null) {
                return TextRule.refusal(parameter.getKey().length() > 40 ? "query" : parameter.getKey(), fault);
            }
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                String fault = TextRule.fault(value);
                if (fault != null) {
                    return TextRule.refusal(header.getKey(), fault);
                }
            }
        }
        return null;
    }

    private Mono<Void> write(ServerWebExchange exchange, ApiException refusal) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(refusal.type().status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            byte[] body =
                    json.writeValueAsBytes(Problems.of(refusal.type(), refusal.getMessage(), null, refusal.fields()));
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }
}
