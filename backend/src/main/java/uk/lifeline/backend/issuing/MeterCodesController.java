package uk.lifeline.backend.issuing;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
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
import uk.lifeline.backend.ledger.CodePreview;
import uk.lifeline.backend.ledger.CodePreviews;
import uk.lifeline.backend.ledger.CodeQueries;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.problem.ProblemType;

/** A meter's codes: issue one, preview one, list them. {@code meterId} is the meter's EUI-64. */
@RestController
class MeterCodesController {

    static final String REPLAYED = "Idempotent-Replayed";

    private final IssuingService issuing;
    private final CodePreviews previews;
    private final CodeQueries queries;

    MeterCodesController(IssuingService issuing, CodePreviews previews, CodeQueries queries) {
        this.issuing = issuing;
        this.previews = previews;
        this.queries = queries;
    }

    /** 201 with the code, 202 when it waits for approval; a retry with the same key gets the same answer. */
    @PostMapping("/api/v1/meters/{meterId}/codes")
    Mono<ResponseEntity<CodeView>> issue(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String meterId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody IssueRequest request) {
        return issuing.issue(Caller.of(jwt), meterId, key, request)
                .map(outcome -> ResponseEntity.status(outcome.status())
                        .location(URI.create("/api/v1/codes/" + outcome.code().id()))
                        .header(REPLAYED, Boolean.toString(outcome.replayed()))
                        .body(outcome.code()));
    }

    @PostMapping("/api/v1/meters/{meterId}/codes/preview")
    Mono<CodePreview> preview(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String meterId, @Valid @RequestBody IssueRequest request) {
        return Mono.defer(() -> previews.preview(Caller.of(jwt), meterId, CommandRequests.parse(request)));
    }

    @GetMapping("/api/v1/meters/{meterId}/codes")
    Mono<CodeQueries.Page> history(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String meterId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 100_000) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "page", "out of range", "0 to 100000"));
        }
        if (size < 1 || size > 100) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "size", "out of range", "1 to 100"));
        }
        return queries.forMeter(Caller.of(jwt), meterId, page, size);
    }
}
