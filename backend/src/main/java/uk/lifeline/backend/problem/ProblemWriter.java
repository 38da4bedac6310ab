package uk.lifeline.backend.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem straight to the response, for refusals made before any controller (security, filters, the
 * server's own limits): the same body {@link ProblemHandler} gives, whatever the request's Accept header says.
 */
@Component
public class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        return write(exchange, ProblemHandler.answer(type, detail, exchange, List.of()));
    }

    public Mono<Void> write(ServerWebExchange exchange, ResponseEntity<ProblemDetail> answer) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(answer.getStatusCode());
        answer.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            byte[] body = json.writeValueAsBytes(answer.getBody());
            DataBuffer buffer = response.bufferFactory().wrap(body);
            return response.writeWith(Mono.just(buffer));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }
}
