package uk.lifeline.backend.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The console's own reads across features (it writes nothing). Thread-safe. */
@Component
class ConsoleStore {

    private final DatabaseClient db;

    ConsoleStore(DatabaseClient db) {
        this.db = db;
    }

    /** The supplier's newest campaigns, newest first. */
    Mono<List<RecentCampaigns.Item>> recentCampaigns(UUID supplier, int limit) {
        return db.sql("""
                        SELECT c.id, c.kind, c.status, coalesce(n.title, c.title) AS title, c.command, c.total,
                          c.created_at, c.finished_at
                        FROM campaign c LEFT JOIN notice n ON n.id = c.notice_id AND n.supplier_id = c.supplier_id
                        WHERE c.supplier_id = :s ORDER BY c.created_at DESC, c.id LIMIT :n
                        """)
                .bind("s", supplier).bind("n", limit)
                .map(r -> new RecentCampaigns.Item(r.get("id", UUID.class), r.get("kind", String.class), r.get("status", String.class),
                        r.get("title", String.class), r.get("command", String.class),
                        ((Number) r.get("total")).longValue(), instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("finished_at", OffsetDateTime.class))))
                .all().collectList();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
