package uk.lifeline.backend.auth;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.problem.ProblemWriter;

/**
 * Answers the security chain's refusals (401 and 403) as problem+json, like every other error. The detail says
 * what kind of failure it was, never why a signature failed to verify.
 */
@Component
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    /** The most of a refused request's body read before answering; past it the refusal goes out at once. */
    static final long DRAIN_LIMIT = 256 * 1024;

    private final ProblemWriter problems;

    ProblemSecurityHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        boolean badToken = e instanceof InvalidBearerTokenException;
        exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        return write(
                exchange,
                ProblemType.UNAUTHORIZED,
                badToken ? "the bearer token is invalid or expired" : "send a bearer token");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return write(exchange, ProblemType.FORBIDDEN, "your role may not do this");
    }

    /**
     * Reads and drops the request's body (up to {@link #DRAIN_LIMIT} bytes) before the refusal is written. A
     * refusal decided on another thread (a customer's session is looked up in the database) and written while the
     * body was still arriving left the request unanswered: OpenApiContractTest's role check hung on a GET with a
     * body, every time once requests stopped opening a web session (which had delayed every answer).
     */
    private Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        AtomicLong read = new AtomicLong();
        return exchange.getRequest()
                .getBody()
                .doOnNext(buffer -> {
                    read.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                })
                .takeUntil(buffer -> read.get() > DRAIN_LIMIT)
                .then(problems.write(exchange, type, detail));
    }
}
