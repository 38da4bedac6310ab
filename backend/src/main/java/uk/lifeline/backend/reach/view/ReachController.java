package uk.lifeline.backend.reach.view;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.csv.CsvText;
import uk.lifeline.backend.problem.ApiException;

/**
 * A campaign's reach per channel and its still-unreached customers (JSON and CSV; OPS and ADMIN), and one code's
 * delivery attempts on every channel (staff).
 */
@RestController
class ReachController {

    record UnreachedList(List<CampaignReach.Unreached> items) {}

    private final CampaignReach reach;
    private final CodeAttempts attempts;

    ReachController(CampaignReach reach, CodeAttempts attempts) {
        this.reach = reach;
        this.attempts = attempts;
    }

    @GetMapping("/api/v1/codes/{id}/attempts")
    Mono<CodeAttempts.Attempts> attempts(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
            UUID code = ApiException.uuidOrNotFound("code", id);
            return attempts.of(caller.supplierId(), code)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("code", code)));
        });
    }

    @GetMapping("/api/v1/campaigns/{id}/reach")
    Mono<CampaignReach.Reach> reach(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
            UUID campaign = ApiException.uuidOrNotFound("campaign", id);
            return reach.reach(caller.supplierId(), campaign)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("campaign", campaign)));
        });
    }

    @GetMapping(path = "/api/v1/campaigns/{id}/unreached", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UnreachedList> unreached(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Caller.of(jwt);
        return owned(caller, id)
                .flatMap(c -> reach.unreached(caller.supplierId(), c).collectList())
                .map(UnreachedList::new);
    }

    @GetMapping(path = "/api/v1/campaigns/{id}/unreached", produces = "text/csv")
    Mono<ResponseEntity<Flux<String>>> unreachedCsv(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Caller.of(jwt);
        return owned(caller, id).map(c -> ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + c + "-unreached.csv\"")
                .body(Flux.concat(
                        Flux.just(CsvText.line(List.of("account_number", "name", "code_id", "tried"))),
                        reach.unreached(caller.supplierId(), c)
                                .map(u -> CsvText.line(List.of(
                                        u.accountNumber(), u.name(), u.codeId().toString(), u.tried()))))));
    }

    private Mono<UUID> owned(Caller caller, String id) {
        return Mono.defer(() -> {
            UUID campaign = ApiException.uuidOrNotFound("campaign", id);
            return reach.reach(caller.supplierId(), campaign)
                    .map(r -> campaign)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("campaign", campaign)));
        });
    }
}
