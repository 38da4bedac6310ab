package uk.lifeline.backend.problem;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Errors that never reach a controller (no handler matched the method, media types or Accept header; a filter
 * or an actuator endpoint failed) get the same problem+json as errors in controllers: it applies
 * {@link ProblemHandler}'s own mapping, so that mapping stays the one place. Runs before Spring Boot's default
 * error handler (order -1).
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final ExceptionHandlerMethodResolver MAPPING =
            new ExceptionHandlerMethodResolver(ProblemHandler.class);

    private final ProblemHandler handler;
    private final ProblemWriter writer;

    ProblemExceptionHandler(ProblemHandler handler, ProblemWriter writer) {
        this.handler = handler;
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Method method = MAPPING.resolveMethodByThrowable(error);
        if (method == null) {
            return Mono.error(error);
        }
        // The mapping may have matched a cause of the error: hand the method what it was declared for.
        Throwable matched = error;
        Class<?> declared = method.getParameterTypes()[0];
        while (matched != null && !declared.isInstance(matched)) {
            matched = matched.getCause();
        }
        if (matched == null) {
            return Mono.error(error);
        }
        try {
            method.setAccessible(true);
            @SuppressWarnings("unchecked")
            ResponseEntity<ProblemDetail> answer =
                    (ResponseEntity<ProblemDetail>) method.invoke(handler, matched, exchange);
            return writer.write(exchange, answer);
        } catch (IllegalAccessException | InvocationTargetException | IllegalArgumentException e) {
            return Mono.error(error);
        }
    }
}
