package uk.lifeline.backend.console;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.campaign.CampaignProgress;
import uk.lifeline.backend.campaign.CampaignView;
import uk.lifeline.backend.problem.ApiException;

/**
 * A campaign's progress as server-sent events ({@code event: progress}, data the campaign as
 * {@code GET /api/v1/campaigns/{id}} shows it): read every second while it runs and every five seconds after
 * (deliveries and entries go on), sent only when a count or the status changes, with a comment every 15 seconds
 * to keep proxies from closing an idle stream. The stream ends after an hour; clients reconnect.
 */
@RestController
class CampaignStream {

    static final Duration TICK = Duration.ofSeconds(1);
    static final int IDLE_TICKS = 5;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration LONGEST = Duration.ofHours(1);

    private final CampaignProgress progress;

    CampaignStream(CampaignProgress progress) {
        this.progress = progress;
    }

    @GetMapping(path = "/api/v1/console/campaigns/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<CampaignView>> stream(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID supplier = Caller.of(jwt).supplierId();
        UUID campaign = RecentCampaigns.id(id);
        Mono<CampaignView> read = progress.of(supplier, campaign);
        AtomicBoolean running = new AtomicBoolean(true);
        return read.switchIfEmpty(Mono.error(() -> ApiException.notFound("campaign", campaign)))
                .flatMapMany(first -> Flux.interval(TICK)
                        .onBackpressureDrop()
                        .filter(tick -> running.get() || tick % IDLE_TICKS == 0)
                        .concatMap(tick -> read)
                        .startWith(first))
                .doOnNext(view -> running.set("RUNNING".equals(view.status())))
                .distinctUntilChanged(CampaignStream::counts)
                .map(view -> ServerSentEvent.builder(view).event("progress").build())
                .mergeWith(Flux.interval(KEEP_ALIVE).map(t -> ServerSentEvent.<CampaignView>builder()
                        .comment("keep-alive")
                        .build()))
                .take(LONGEST);
    }

    /** What makes an event worth sending: the rate alone changes every second and is not. */
    private static List<Object> counts(CampaignView v) {
        return List.of(
                v.status(),
                v.pending(),
                v.coded(),
                v.toDcc(),
                v.pushed(),
                v.delivered(),
                v.entered(),
                v.failed(),
                v.cancelled(),
                v.noPhone());
    }
}
