package uk.lifeline.backend.auth;

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
        return problems.write(
                exchange,
                ProblemType.UNAUTHORIZED,
                badToken ? "the bearer token is invalid or expired" : "send a bearer token");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return problems.write(exchange, ProblemType.FORBIDDEN, "your role may not do this");
    }
}
