package uk.lifeline.backend.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
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
     * notice's window (absent for a price change, whose start is its {@code from} parameter). Immutable.
     */
    record Item(UUID id, String kind, String status, boolean active, String title, String message, String command,
            Map<String, String> parameters, Area area, Instant startsAt, Instant endsAt, String launchedBy,
            long total, Instant createdAt, Instant finishedAt) {}

    record Items(List<Item> items, int limit) {}

    private static final String SQL = """
            SELECT c.id, c.kind, c.status, coalesce(n.title, c.title) AS title, coalesce(n.message, c.message) AS message,
              c.command, c.parameters::text AS parameters, c.area::text AS area, n.starts_at, n.ends_at,
              u.display_name, c.total, c.created_at, c.finished_at,
              coalesce(c.status = 'RUNNING' OR (c.status = 'COMPLETED' AND n.ends_at > now()), false) AS active
            FROM campaign c
            LEFT JOIN notice n ON n.id = c.notice_id AND n.supplier_id = c.supplier_id
            LEFT JOIN app_user u ON u.id = c.created_by AND u.supplier_id = c.supplier_id
            WHERE c.supplier_id = :s AND (CAST(:id AS uuid) IS NULL OR c.id = CAST(:id AS uuid))
            ORDER BY active DESC, c.created_at DESC, c.id LIMIT :n
            """;

    private final DatabaseClient db;
    private final ObjectMapper json;

    RecentCampaigns(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @GetMapping("/api/v1/console/campaigns")
    Mono<Items> recent(@AuthenticationPrincipal Jwt jwt) {
        return query(Caller.of(jwt).supplierId(), null).collectList().map(items -> new Items(items, LIMIT));
    }

    @GetMapping("/api/v1/console/campaigns/{id}")
    Mono<Item> one(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return Mono.defer(() -> query(Caller.of(jwt).supplierId(), id(id)).next()
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.NOT_FOUND, "no campaign " + id))));
    }

    private Flux<Item> query(UUID supplier, UUID id) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SQL).bind("s", supplier).bind("n", LIMIT);
        spec = id == null ? spec.bindNull("id", UUID.class) : spec.bind("id", id);
        return spec.map(r -> new Item(r.get("id", UUID.class), r.get("kind", String.class),
                        r.get("status", String.class), Boolean.TRUE.equals(r.get("active", Boolean.class)),
                        r.get("title", String.class), r.get("message", String.class), r.get("command", String.class),
                        read(r.get("parameters", String.class), Map.class), read(r.get("area", String.class), Area.class),
                        instant(r.get("starts_at", OffsetDateTime.class)), instant(r.get("ends_at", OffsetDateTime.class)),
                        r.get("display_name", String.class), ((Number) r.get("total")).longValue(),
                        instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("finished_at", OffsetDateTime.class))))
                .all();
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String text, Class<?> type) {
        try {
            return text == null ? null : (T) json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a campaign's stored " + type.getSimpleName() + " is not JSON", e);
        }
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** A malformed id is not found, like another supplier's. */
    static UUID id(String text) {
        return ApiException.uuidOrNotFound("campaign", text);
    }
}
