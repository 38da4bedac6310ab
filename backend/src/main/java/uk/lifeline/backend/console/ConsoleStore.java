package uk.lifeline.backend.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.notice.Area;

/** The console's own reads across features (it writes nothing). Thread-safe. */
@Component
class ConsoleStore {

    private static final String RECENT_CAMPAIGNS = """
            SELECT c.id, c.kind, c.status, coalesce(n.title, c.title) AS title, coalesce(n.message, c.message) AS message,
              c.command, c.parameters::text AS parameters, c.area::text AS area, n.starts_at, n.ends_at,
              u.display_name, c.total, c.created_at, c.finished_at, c.app_deadline_seconds / 60 AS app_deadline_minutes,
              coalesce(c.status = 'RUNNING' OR (c.status = 'COMPLETED' AND n.ends_at > now()), false) AS active
            FROM campaign c
            LEFT JOIN notice n ON n.id = c.notice_id AND n.supplier_id = c.supplier_id
            LEFT JOIN app_user u ON u.id = c.created_by AND u.supplier_id = c.supplier_id
            WHERE c.supplier_id = :s AND (CAST(:id AS uuid) IS NULL OR c.id = CAST(:id AS uuid))
            ORDER BY active DESC, c.created_at DESC, c.id LIMIT :n
            """;

    private final DatabaseClient db;
    private final ObjectMapper json;

    ConsoleStore(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The supplier's campaigns, active first then newest; one of them when {@code id} is given. */
    Flux<RecentCampaigns.Item> recentCampaigns(UUID supplier, UUID id, int limit) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(RECENT_CAMPAIGNS).bind("s", supplier).bind("n", limit);
        spec = id == null ? spec.bindNull("id", UUID.class) : spec.bind("id", id);
        return spec.map(r -> new RecentCampaigns.Item(
                        r.get("id", UUID.class),
                        r.get("kind", String.class),
                        r.get("status", String.class),
                        Boolean.TRUE.equals(r.get("active", Boolean.class)),
                        r.get("title", String.class),
                        r.get("message", String.class),
                        r.get("command", String.class),
                        read(r.get("parameters", String.class), Map.class),
                        read(r.get("area", String.class), Area.class),
                        instant(r.get("starts_at", OffsetDateTime.class)),
                        instant(r.get("ends_at", OffsetDateTime.class)),
                        r.get("display_name", String.class),
                        ((Number) r.get("total")).longValue(),
                        instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("finished_at", OffsetDateTime.class)),
                        r.get("app_deadline_minutes", Integer.class)))
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
}
