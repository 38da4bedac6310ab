package uk.lifeline.backend.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import uk.lifeline.backend.database.DatabaseAvailability;
import uk.lifeline.backend.database.DatabaseFailures;
import uk.lifeline.prepay.MoneyOutOfRangeException;

/**
 * Turns every error a controller signals into RFC 9457 {@code application/problem+json}: the one place where
 * errors become HTTP. Nothing here reveals stack traces, SQL or keys; unexpected errors are logged and answered
 * with a bare 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The 413's detail wherever the limit was met (the edge filter, or the codec while reading a body). */
    public static final String TOO_LARGE = "the request body is larger than this endpoint accepts"
            + " (JSON at most 256 KiB, an upload at most 1 MiB)";

    private final DatabaseAvailability database;

    ProblemHandler(DatabaseAvailability database) {
        this.database = database;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, ServerWebExchange exchange) {
        ResponseEntity<ProblemDetail> answer = answer(e.type(), e.getMessage(), exchange, e.fields());
        e.properties().forEach(answer.getBody()::setProperty);
        return answer;
    }

    /** A database constraint that stands for a rule of the API (e.g. a meter whose codes are blocked), or a 500. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(DataIntegrityViolationException e, ServerWebExchange exchange) {
        ApiException known = ConstraintProblems.of(e);
        return known != null ? api(known, exchange) : unexpected(e, exchange);
    }

    /** Money the engine would have to take out of range (a stored model near its bounds): refused, never wrapped. */
    @ExceptionHandler(MoneyOutOfRangeException.class)
    ResponseEntity<ProblemDetail> money(MoneyOutOfRangeException e, ServerWebExchange exchange) {
        return answer(
                ProblemType.VALIDATION,
                e.getMessage(),
                exchange,
                List.of(new FieldProblem(e.what(), "out of range", "see docs/backend-api.md, \"Bounds\"")));
    }

    /** The security firewall refuses a header only when it is read (input.TextFilter catches most before). */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ServerExchangeRejectedException e, ServerWebExchange exchange) {
        return answer(
                ProblemType.INVALID_TEXT,
                "a header has characters that are not allowed",
                exchange,
                List.of(FieldProblem.of("header", "characters that are not allowed")));
    }

    /** The database cannot be reached: 503 with Retry-After, and every request after it too until it is back. */
    private ResponseEntity<ProblemDetail> databaseUnavailable(Throwable e, ServerWebExchange exchange) {
        database.markDown(e.toString());
        return databaseUnavailable(exchange);
    }

    /** 503 database-unavailable with Retry-After: for requests that failed on it, and all while it lasts. */
    public static ResponseEntity<ProblemDetail> databaseUnavailable(ServerWebExchange exchange) {
        ResponseEntity<ProblemDetail> answer = answer(
                ProblemType.DATABASE_UNAVAILABLE,
                "the database cannot be reached just now; nothing was changed; try again shortly",
                exchange,
                List.of());
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseAvailability.RETRY_AFTER_SECONDS))
                .body(answer.getBody());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalid(WebExchangeBindException e, ServerWebExchange exchange) {
        List<FieldProblem> fields = e.getFieldErrors().stream()
                .map(f -> FieldProblem.of(f.getField(), f.getDefaultMessage()))
                .toList();
        String detail = fields.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return answer(ProblemType.VALIDATION, detail, exchange, fields);
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<ProblemDetail> missing(MissingRequestValueException e, ServerWebExchange exchange) {
        String name = e.getName();
        if ("Idempotency-Key".equalsIgnoreCase(name)) {
            return answer(ProblemType.MISSING_IDEMPOTENCY_KEY, IdempotencyKeys.MISSING, exchange, List.of());
        }
        return answer(
                ProblemType.VALIDATION,
                e.getLabel() + " '" + name + "' is required",
                exchange,
                List.of(FieldProblem.of(name, "required")));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) {
        CarriesProblem carried = carrierOf(e);
        if (carried != null) {
            return api(carried.problem(), exchange);
        }
        InputCoercionException tooBig = causeOf(e, InputCoercionException.class);
        if (tooBig != null && tooBig.getProcessor() != null) {
            String field = JsonFields.at(tooBig.getProcessor().getParsingContext());
            return answer(
                    ProblemType.VALIDATION,
                    field + ": number out of range",
                    exchange,
                    List.of(new FieldProblem(field, "number out of range", "see docs/backend-api.md, \"Bounds\"")));
        }
        if (e.getCause() instanceof DataBufferLimitException) {
            return answer(ProblemType.PAYLOAD_TOO_LARGE, TOO_LARGE, exchange, List.of());
        }
        Throwable cause = rootJsonCause(e);
        boolean empty = cause != null && String.valueOf(cause.getMessage()).startsWith("No content to map");
        if (cause instanceof MismatchedInputException mismatch && !(cause instanceof JsonParseException) && !empty) {
            String field = path(mismatch);
            return answer(
                    ProblemType.VALIDATION,
                    field + ": wrong type of value",
                    exchange,
                    List.of(FieldProblem.of(field, "wrong type of value")));
        }
        if (cause != null || e.getReason() != null && e.getReason().contains("body")) {
            return answer(
                    ProblemType.MALFORMED_JSON,
                    "the request body is not valid JSON of the expected shape",
                    exchange,
                    List.of());
        }
        return answer(ProblemType.VALIDATION, String.valueOf(e.getReason()), exchange, List.of());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e, ServerWebExchange exchange) {
        return answer(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json", exchange, List.of());
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<ProblemDetail> method(MethodNotAllowedException e, ServerWebExchange exchange) {
        return answer(ProblemType.METHOD_NOT_ALLOWED, e.getHttpMethod() + " is not allowed here", exchange, List.of());
    }

    @ExceptionHandler(NotAcceptableStatusException.class)
    ResponseEntity<ProblemDetail> notAcceptable(NotAcceptableStatusException e, ServerWebExchange exchange) {
        return answer(ProblemType.NOT_ACCEPTABLE, "this endpoint answers application/json", exchange, List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, ServerWebExchange exchange) {
        return answer(ProblemType.FORBIDDEN, "your role may not do this", exchange, List.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatusCode code = e.getStatusCode();
        if (code.value() == HttpStatus.NOT_FOUND.value()) {
            return answer(ProblemType.NOT_FOUND, "no such resource", exchange, List.of());
        }
        if (code.value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return answer(ProblemType.PAYLOAD_TOO_LARGE, TOO_LARGE, exchange, List.of());
        }
        if (code.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && DatabaseFailures.unavailable(e)) {
            return databaseUnavailable(e, exchange);
        }
        if (code.value() == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
            // E.g. a form body for @RequestBody, which WebFlux refuses with a bare 415 (it wants getFormData()).
            return mediaType(new UnsupportedMediaTypeStatusException(e.getReason()), exchange);
        }
        if (code.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return answer(ProblemType.METHOD_NOT_ALLOWED, "this method is not allowed here", exchange, List.of());
        }
        if (code.value() == HttpStatus.NOT_ACCEPTABLE.value()) {
            return notAcceptable(new NotAcceptableStatusException(String.valueOf(e.getReason())), exchange);
        }
        if (code.is4xxClientError()) {
            return answer(
                    ProblemType.VALIDATION,
                    e.getReason() != null ? e.getReason() : "the request cannot be read",
                    exchange,
                    List.of());
        }
        return unexpected(e, exchange);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        if (DatabaseFailures.unavailable(e)) {
            return databaseUnavailable(e, exchange);
        }
        log.error(
                "unexpected error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                e);
        return answer(ProblemType.INTERNAL, "something went wrong; nothing was issued", exchange, List.of());
    }

    static ResponseEntity<ProblemDetail> answer(
            ProblemType type, String detail, ServerWebExchange exchange, List<FieldProblem> fields) {
        String path = exchange.getRequest().getPath().value();
        return ResponseEntity.status(type.status()).body(Problems.of(type, detail, path, fields));
    }

    private static CarriesProblem carrierOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CarriesProblem carried) {
                return carried;
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootJsonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException || t instanceof JsonMappingException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "body" : out.toString();
    }
}
