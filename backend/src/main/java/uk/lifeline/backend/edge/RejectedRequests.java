package uk.lifeline.backend.edge;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.problem.ProblemWriter;

/**
 * Spring Security's firewall refuses paths with {@code ;}, encoded periods, slashes or backslashes, {@code //}
 * and the like (StrictServerWebExchangeFirewall); its default answer is a bare 400. This answers 400
 * {@code request-rejected} in problem+json, saying what was refused.
 */
@Component
class RejectedRequests implements ServerExchangeRejectedHandler {

    private final ProblemWriter problems;

    RejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, ProblemType.REQUEST_REJECTED, rejected.getMessage());
    }
}
