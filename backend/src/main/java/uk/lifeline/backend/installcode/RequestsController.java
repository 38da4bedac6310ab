package uk.lifeline.backend.installcode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/** Install-code requests between suppliers (SEC MP121): docs/install-codes.md. */
@RestController
class RequestsController {

    record RaiseBody(
            @Size(max = 40) String deviceId,
            @Size(max = 30) String mpxn,
            @Size(max = 500) String note) {}

    record AnswerBody(
            @NotNull RequestStatus outcome,
            @Size(max = 100) String installCode,
            @Size(max = 500) String note) {

        @Override
        public String toString() {
            return "AnswerBody[outcome=" + outcome + "]";
        }
    }

    record ReasonBody(@NotBlank @Size(max = 500) String reason) {}

    record NoteBody(@NotBlank @Size(max = 500) String note) {}

    record Page(List<RequestView> items, int page, int size, long total) {}

    record Items(List<RequestView> items) {}

    private final RequestService service;
    private final Requests requests;
    private final RequestViews views;
    private final Performance performance;
    private final DueDates due;

    RequestsController(
            RequestService service, Requests requests, RequestViews views, Performance performance, DueDates due) {
        this.service = service;
        this.requests = requests;
        this.views = views;
        this.performance = performance;
        this.due = due;
    }

    @PostMapping("/api/v1/install-code-requests")
    Mono<ResponseEntity<RequestView>> raise(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody RaiseBody body) {
        return Mono.defer(() -> {
                    Wanted wanted;
                    try {
                        wanted = Wanted.parse(1, body.deviceId(), body.mpxn(), body.note());
                    } catch (Wanted.Malformed e) {
                        throw e.single();
                    }
                    return service.raise(Caller.of(jwt), wanted);
                })
                .map(view -> ResponseEntity.created(URI.create("/api/v1/install-code-requests/" + view.id()))
                        .body(view));
    }

    @PostMapping(
            path = "/api/v1/install-code-requests/bulk",
            consumes = {"text/csv", "text/plain"})
    Mono<ResponseEntity<RequestService.BulkResult>> bulk(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "false") boolean keepValidRows,
            @RequestBody(required = false) Flux<DataBuffer> body) {
        return DataBufferUtils.join(body == null ? Flux.empty() : body, BulkFile.MAX_BYTES)
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> BulkFile.malformed("the file is over " + BulkFile.MAX_BYTES + " bytes"))
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .defaultIfEmpty("")
                .map(BulkFile::parse)
                .flatMap(file -> service.bulk(Caller.of(jwt), file.wanted(), file.malformed(), keepValidRows))
                .map(result -> ResponseEntity.status(HttpStatus.CREATED).body(result));
    }

    @GetMapping("/api/v1/install-code-requests")
    Mono<Page> list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String direction,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String deviceId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return Mono.defer(() -> {
            if (direction != null && !List.of("RAISED", "OWED").contains(direction)) {
                throw ApiException.field(ProblemType.VALIDATION, "direction", "unknown direction", "RAISED, OWED");
            }
            if (page < 0 || page > 100_000) {
                throw ApiException.field(ProblemType.VALIDATION, "page", "out of range", "0 to 100000");
            }
            if (size < 1 || size > 200) {
                throw ApiException.field(ProblemType.VALIDATION, "size", "out of range", "1 to 200");
            }
            UUID me = Caller.of(jwt).supplierId();
            Requests.Filter filter = new Requests.Filter(
                    direction,
                    status(status),
                    overdue,
                    deviceId == null ? null : deviceId.trim().toUpperCase(Locale.ROOT),
                    due.today());
            return Mono.zip(
                            requests.list(me, filter, page, size)
                                    .concatMap(r -> views.of(me, r))
                                    .collectList(),
                            requests.count(me, filter))
                    .map(t -> new Page(t.getT1(), page, size, t.getT2()));
        });
    }

    @GetMapping("/api/v1/install-code-requests/overdue")
    Mono<Items> overdue(@AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).supplierId();
        return requests.overdue(me, due.today())
                .concatMap(r -> views.of(me, r))
                .collectList()
                .map(Items::new);
    }

    @GetMapping("/api/v1/install-code-requests/performance")
    Mono<Performance.Report> performance(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return Mono.defer(() -> {
            LocalDate end = to == null ? due.today() : date("to", to);
            LocalDate start = from == null ? end.minusDays(90) : date("from", from);
            if (start.isAfter(end) || start.plusYears(5).isBefore(end)) {
                throw ApiException.field(
                        ProblemType.VALIDATION,
                        "from",
                        "must be on or before to, at most 5 years" + " before it",
                        null);
            }
            return performance.report(Caller.of(jwt).supplierId(), start, end);
        });
    }

    @GetMapping("/api/v1/install-code-requests/{requestId}")
    Mono<RequestView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String requestId) {
        return Mono.defer(() -> {
            UUID me = Caller.of(jwt).supplierId();
            UUID id = id(requestId);
            return requests.find(me, id, false)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("install-code request", id)))
                    .flatMap(r -> views.of(me, r));
        });
    }

    @PostMapping("/api/v1/install-code-requests/{requestId}/answer")
    Mono<RequestView> answer(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String requestId, @Valid @RequestBody AnswerBody body) {
        return Mono.defer(() -> {
            if (!body.outcome().isAnswered()) {
                throw ApiException.field(
                        ProblemType.VALIDATION, "outcome", "not an answer", "RELEASED, NOT_INSTALLING_PARTY");
            }
            if (body.outcome() == RequestStatus.NOT_INSTALLING_PARTY && body.installCode() != null) {
                throw ApiException.field(ProblemType.VALIDATION, "installCode", "only with RELEASED", null);
            }
            return service.answer(
                    Caller.of(jwt),
                    id(requestId),
                    body.outcome(),
                    blankToNull(body.installCode()),
                    blankToNull(body.note()));
        });
    }

    @PostMapping("/api/v1/install-code-requests/{requestId}/withdraw")
    Mono<RequestView> withdraw(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String requestId, @Valid @RequestBody ReasonBody body) {
        return Mono.defer(() ->
                service.withdraw(Caller.of(jwt), id(requestId), body.reason().trim()));
    }

    @PostMapping("/api/v1/install-code-requests/{requestId}/escalate")
    Mono<RequestView> escalate(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String requestId, @Valid @RequestBody NoteBody body) {
        return Mono.defer(() ->
                service.escalate(Caller.of(jwt), id(requestId), body.note().trim()));
    }

    private static RequestStatus status(String text) {
        if (text == null) {
            return null;
        }
        try {
            return RequestStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.field(
                    ProblemType.VALIDATION,
                    "status",
                    "unknown status",
                    "OPEN, RELEASED, NOT_INSTALLING_PARTY, WITHDRAWN, CANCELLED");
        }
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.field(ProblemType.VALIDATION, field, "not a date", "yyyy-mm-dd");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** A malformed id is simply not found, like any other id the caller may not see. */
    private static UUID id(String text) {
        return ApiException.uuidOrNotFound("install-code request", text);
    }
}
