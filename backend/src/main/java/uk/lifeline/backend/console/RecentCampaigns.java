package uk.lifeline.backend.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;

/** The supplier's newest campaigns, for the operations page to list and open. */
@RestController
class RecentCampaigns {

    static final int LIMIT = 20;

    /** One campaign in the list; its progress is at {@code GET /api/v1/campaigns/{id}}. Immutable. */
    record Item(UUID id, String kind, String status, String title, String command, long total, Instant createdAt,
            Instant finishedAt) {}

    record Items(List<Item> items, int limit) {}

    private final ConsoleStore store;

    RecentCampaigns(ConsoleStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/console/campaigns")
    Mono<Items> recent(@AuthenticationPrincipal Jwt jwt) {
        return store.recentCampaigns(Caller.of(jwt).supplierId(), LIMIT).map(items -> new Items(items, LIMIT));
    }

    /** A malformed id is not found, like another supplier's. */
    static UUID id(String text) {
        return ApiException.uuidOrNotFound("campaign", text);
    }
}
