package uk.lifeline.backend.edge;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ProblemHandler;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.problem.ProblemWriter;

/**
 * The first check on every request, before security and any endpoint, answering in problem+json where the HTTP server
 * would otherwise answer with an empty body: headers (names are tokens, values hold no control character but tab:
 * {@link HeaderRules}; the server itself is told not to refuse them, so that this answer is the one given), an Accept
 * header that cannot be read (406: no answer could be written for it, not even an error), the URI's length
 * ({@value #MAX_URI} characters; the server's own line limit is set far above it) and a declared body length
 * ({@value #MAX_BODY} bytes, the largest upload; JSON bodies stop at the codec's 256 KiB while being read).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EdgeFilter implements WebFilter {

    static final int MAX_URI = 4096;
    static final long MAX_BODY = 1024 * 1024;

    private final ProblemWriter problems;

    EdgeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (!HeaderRules.name(header.getKey())) {
                return problems.write(exchange, ProblemType.REQUEST_REJECTED, "a header name is not an HTTP token");
            }
            for (String value : header.getValue()) {
                if (!HeaderRules.value(value)) {
                    return problems.write(
                            exchange,
                            ProblemType.REQUEST_REJECTED,
                            "header " + header.getKey() + " holds a control character");
                }
            }
        }
        try {
            MediaType.parseMediaTypes(request.getHeaders().get(HttpHeaders.ACCEPT));
        } catch (InvalidMediaTypeException e) {
            return problems.write(
                    exchange,
                    ProblemType.NOT_ACCEPTABLE,
                    "the Accept header is not a list of media types; this API answers application/json");
        }
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        int uriLength = (rawPath == null ? 0 : rawPath.length()) + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uriLength > MAX_URI) {
            return problems.write(
                    exchange,
                    ProblemType.URI_TOO_LONG,
                    "the URI has " + uriLength + " characters; at most " + MAX_URI + " are accepted");
        }
        long length = request.getHeaders().getContentLength();
        if (length > MAX_BODY) {
            return problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE, ProblemHandler.TOO_LARGE);
        }
        return chain.filter(exchange);
    }
}
