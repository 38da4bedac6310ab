package uk.lifeline.backend.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
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

    private final DatabaseClient db;

    RecentCampaigns(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/console/campaigns")
    Mono<Items> recent(@AuthenticationPrincipal Jwt jwt) {
        return db.sql("""
                        SELECT c.id, c.kind, c.status, coalesce(n.title, c.title) AS title, c.command, c.total,
                          c.created_at, c.finished_at
                        FROM campaign c LEFT JOIN notice n ON n.id = c.notice_id AND n.supplier_id = c.supplier_id
                        WHERE c.supplier_id = :s ORDER BY c.created_at DESC, c.id LIMIT :n
                        """)
                .bind("s", Caller.of(jwt).supplierId()).bind("n", LIMIT)
                .map(r -> new Item(r.get("id", UUID.class), r.get("kind", String.class), r.get("status", String.class),
                        r.get("title", String.class), r.get("command", String.class),
                        ((Number) r.get("total")).longValue(), instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("finished_at", OffsetDateTime.class))))
                .all().collectList().map(items -> new Items(items, LIMIT));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** A malformed id is not found, like another supplier's. */
    static UUID id(String text) {
        return ApiException.uuidOrNotFound("campaign", text);
    }
}
