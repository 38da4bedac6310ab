package uk.lifeline.backend.reach;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The one store of {@code reach_task}: the call centre's call-backs and customers nobody reached. Thread-safe. */
@Component
public class ReachTasks {

    public enum Kind {
        CALL_BACK,
        UNREACHED
    }

    public record Task(
            UUID id, UUID customerId, Kind kind, UUID codeId, UUID campaignId, String detail, Instant createdAt) {}

    private final DatabaseClient db;

    public ReachTasks(DatabaseClient db) {
        this.db = db;
    }

    /** Adds a task; an UNREACHED task for a code that already has one is not added again. */
    public Mono<Void> add(
            UUID supplier, UUID customer, Kind kind, UUID code, UUID campaign, String detail, Instant at) {
        var spec = db.sql("""
                        INSERT INTO reach_task (id, supplier_id, customer_account_id, kind, code_id, campaign_id,
                            detail, created_at)
                        VALUES (:id, :s, :c, :kind, :code, :campaign, :detail, :at) ON CONFLICT DO NOTHING
                        """)
                .bind("id", UUID.randomUUID())
                .bind("s", supplier)
                .bind("c", customer)
                .bind("kind", kind.name())
                .bind("detail", detail)
                .bind("at", at);
        spec = code == null ? spec.bindNull("code", UUID.class) : spec.bind("code", code);
        spec = campaign == null ? spec.bindNull("campaign", UUID.class) : spec.bind("campaign", campaign);
        return spec.fetch().rowsUpdated().then();
    }

    /** Whether the customer has an open task of this kind (a second "call me back" is not a second call). */
    public Mono<Boolean> hasOpen(UUID supplier, UUID customer, Kind kind) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM reach_task WHERE supplier_id = :s AND customer_account_id = :c"
                        + " AND kind = :kind AND closed_at IS NULL)")
                .bind("s", supplier)
                .bind("c", customer)
                .bind("kind", kind.name())
                .map(r -> Boolean.TRUE.equals(r.get(0, Boolean.class)))
                .one();
    }

    /** The supplier's open tasks, oldest first. */
    public Flux<Task> open(UUID supplier, int limit) {
        return db.sql("SELECT id, customer_account_id, kind, code_id, campaign_id, detail, created_at FROM reach_task"
                        + " WHERE supplier_id = :s AND closed_at IS NULL ORDER BY created_at, id LIMIT :limit")
                .bind("s", supplier)
                .bind("limit", limit)
                .map(ReachTasks::task)
                .all();
    }

    private static Task task(Readable r) {
        return new Task(
                r.get("id", UUID.class),
                r.get("customer_account_id", UUID.class),
                Kind.valueOf(r.get("kind", String.class)),
                r.get("code_id", UUID.class),
                r.get("campaign_id", UUID.class),
                r.get("detail", String.class),
                r.get("created_at", Instant.class));
    }
}
