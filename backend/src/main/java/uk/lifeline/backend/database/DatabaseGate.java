package uk.lifeline.backend.database;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ProblemHandler;
import uk.lifeline.backend.problem.ProblemWriter;

/**
 * While the database is unavailable every request is answered at once with 503 {@code database-unavailable} and
 * Retry-After, rather than each waiting for a connection that will not come; health is left to say DOWN itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseGate implements WebFilter {

    private final DatabaseAvailability database;
    private final ProblemWriter problems;

    DatabaseGate(DatabaseAvailability database, ProblemWriter problems) {
        this.database = database;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!database.down() || exchange.getRequest().getPath().value().startsWith("/actuator/health")) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, ProblemHandler.databaseUnavailable(exchange));
    }
}
