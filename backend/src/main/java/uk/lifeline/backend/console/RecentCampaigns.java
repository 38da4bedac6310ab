package uk.lifeline.backend.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.notice.Area;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * The supplier's campaigns as operations staff in a storm look for them: active ones first (running, or a
 * notice whose window has not ended), then the newest; each with its title, message, area, window and who
 * launched it. {@code GET /api/v1/console/campaigns/{id}} is one of them, for the campaign page's heading.
 */
@RestController
class RecentCampaigns {

    static final int LIMIT = 20;

    /**
     * One campaign; its progress is at {@code GET /api/v1/campaigns/{id}}. {@code startsAt}/{@code endsAt} are a
     * notice's window (absent for a price change, whose start is its {@code from} parameter);
     * {@code appDeadlineMinutes} how long the app has before the escalation ladder texts (absent: the supplier's
     * usual wait). Immutable.
     */
    record Item(
            UUID id,
            String kind,
            String status,
            boolean active,
            String title,
            String message,
            String command,
            Map<String, String> parameters,
            Area area,
            Instant startsAt,
            Instant endsAt,
            String launchedBy,
            long total,
            Instant createdAt,
            Instant finishedAt,
            Integer appDeadlineMinutes) {}

    record Items(List<Item> items, int limit) {}

    private final ConsoleStore store;

    RecentCampaigns(ConsoleStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/console/campaigns")
    Mono<Items> recent(@AuthenticationPrincipal Jwt jwt) {
        return store.recentCampaigns(Caller.of(jwt).supplierId(), null, LIMIT)
                .collectList()
                .map(items -> new Items(items, LIMIT));
    }

    @GetMapping("/api/v1/console/campaigns/{id}")
    Mono<Item> one(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return Mono.defer(() -> store.recentCampaigns(Caller.of(jwt).supplierId(), id(id), LIMIT)
                .next()
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.NOT_FOUND, "no campaign " + id))));
    }

    /** A malformed id is not found, like another supplier's. */
    static UUID id(String text) {
        return ApiException.uuidOrNotFound("campaign", text);
    }
}
