package uk.lifeline.backend.issuing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.ledger.CodeActions;
import uk.lifeline.backend.ledger.CodeQueries;
import uk.lifeline.backend.ledger.CodeResults;
import uk.lifeline.backend.ledger.CodeStatus;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.problem.ProblemType;

/** One code: look it up, approve or refuse it, cancel it, report what the meter did with it. */
@RestController
class CodesController {

    record Why(@NotBlank @Size(max = 500) String reason) {}

    /**
     * {@code reason}, for REJECTED: the meter's rejection code (e.g. {@code duplicate}), {@code over-maximum-balance}
     * or {@code unknown} ({@link ResultReason}).
     */
    record Result(
            @NotNull CodeStatus outcome, @Size(max = 60) String reason) {}

    private final CodeQueries queries;
    private final CodeActions actions;
    private final CodeResults results;

    CodesController(CodeQueries queries, CodeActions actions, CodeResults results) {
        this.queries = queries;
        this.actions = actions;
        this.results = results;
    }

    @GetMapping("/api/v1/codes/{codeId}")
    Mono<CodeView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String codeId) {
        return Mono.defer(() -> queries.get(Caller.of(jwt), id(codeId)));
    }

    @PostMapping("/api/v1/codes/{codeId}/approve")
    Mono<CodeView> approve(@AuthenticationPrincipal Jwt jwt, @PathVariable String codeId) {
        return Mono.defer(() -> actions.approve(Caller.of(jwt), id(codeId)));
    }

    @PostMapping("/api/v1/codes/{codeId}/refuse")
    Mono<CodeView> refuse(@AuthenticationPrincipal Jwt jwt, @PathVariable String codeId, @Valid @RequestBody Why why) {
        return Mono.defer(
                () -> actions.refuse(Caller.of(jwt), id(codeId), why.reason().trim()));
    }

    @PostMapping("/api/v1/codes/{codeId}/cancel")
    Mono<CodeView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String codeId, @Valid @RequestBody Why why) {
        return Mono.defer(
                () -> actions.cancel(Caller.of(jwt), id(codeId), why.reason().trim()));
    }

    @PostMapping("/api/v1/codes/{codeId}/result")
    Mono<CodeView> result(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String codeId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody Result result) {
        return Mono.defer(() -> results.report(
                Caller.of(jwt),
                id(codeId),
                result.outcome(),
                result.reason(),
                key == null ? null : IdempotencyKeys.require(key)));
    }

    /** A customer's own codes, newest first; pass {@code nextCursor} back as {@code cursor} for older ones. */
    @GetMapping("/api/v1/me/codes")
    Mono<CodeQueries.CursorPage> mine(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "limit", "out of range", "1 to 100"));
        }
        return Mono.defer(() -> queries.mine(Caller.of(jwt), cursor, limit));
    }

    /** A malformed id is simply not found, like any other id the caller may not see. */
    private static UUID id(String text) {
        return ApiException.uuidOrNotFound("code", text);
    }
}
