package uk.lifeline.backend.problem;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.DatabaseAvailability;

/**
 * While the database is unavailable every request is answered at once with 503 {@code database-unavailable} and
 * Retry-After, rather than each waiting for a connection that will not come; health answers 503 DOWN.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseGate implements WebFilter {

    private static final byte[] HEALTH_DOWN =
            "{\"status\":\"DOWN\",\"components\":{\"database\":{\"status\":\"DOWN\"}}}"
                    .getBytes(StandardCharsets.UTF_8);

    private final DatabaseAvailability database;
    private final ProblemWriter problems;

    DatabaseGate(DatabaseAvailability database, ProblemWriter problems) {
        this.database = database;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!database.down()) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (exchange.getRequest().getPath().value().startsWith("/actuator/health")) {
            // Health in its own shape, so that probes read DOWN rather than an error.
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(HEALTH_DOWN)));
        }
        return problems.write(exchange, ProblemHandler.databaseUnavailable(exchange));
    }
}
