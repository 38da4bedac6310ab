package uk.lifeline.backend.campaign;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;

/**
 * Campaigns over HTTP: start an extreme-weather notice or a price change (OPS), follow one, cancel one, and
 * download the call-centre list of coded meters whose customers have no phone (CSV). Another supplier's campaign
 * is not found.
 */
@RestController
class CampaignController {

    private final Campaigns campaigns;
    private final CampaignProgress progress;

    CampaignController(Campaigns campaigns, CampaignProgress progress) {
        this.campaigns = campaigns;
        this.progress = progress;
    }

    @PostMapping("/api/v1/notices")
    Mono<ResponseEntity<CampaignView>> notice(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Requests.Notice request) {
        return campaigns.startNotice(Caller.of(jwt), request).map(CampaignController::created);
    }

    @PostMapping("/api/v1/price-changes")
    Mono<ResponseEntity<CampaignView>> priceChange(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Requests.PriceChange request) {
        return campaigns.startPriceChange(Caller.of(jwt), request).map(CampaignController::created);
    }

    @GetMapping("/api/v1/campaigns/{id}")
    Mono<CampaignView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID campaign = id(id);
        return progress.of(Caller.of(jwt).supplierId(), campaign)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("campaign", campaign)));
    }

    @PostMapping("/api/v1/campaigns/{id}/cancel")
    Mono<CampaignView> cancel(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody Requests.Cancel cancel) {
        return campaigns.cancel(Caller.of(jwt), id(id), cancel.reason().trim());
    }

    /** The call-centre list, streamed: coded meters whose customers have no phone, with the code to read out. */
    @GetMapping(path = "/api/v1/campaigns/{id}/no-phone", produces = "text/csv")
    Mono<ResponseEntity<Flux<String>>> noPhone(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID campaign = id(id);
        UUID supplier = Caller.of(jwt).supplierId();
        return progress.of(supplier, campaign)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("campaign", campaign)))
                .map(found -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"campaign-" + campaign + "-no-phone.csv\"")
                        .body(Flux.concat(Flux.just(Csv.HEADER), progress.noPhone(supplier, campaign))));
    }

    private static ResponseEntity<CampaignView> created(CampaignView view) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/campaigns/" + view.id()))
                .body(view);
    }

    private static UUID id(String text) {
        return ApiException.uuidOrNotFound("campaign", text);
    }
}
