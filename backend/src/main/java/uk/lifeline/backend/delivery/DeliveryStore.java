package uk.lifeline.backend.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Delivery's reads for staff: a code's or a notice's outbox messages and their pushes. Thread-safe. */
@Component
class DeliveryStore {

    private final DatabaseClient db;

    DeliveryStore(DatabaseClient db) {
        this.db = db;
    }

    /** How many outbox messages are about the code or notice. */
    Mono<Long> messageCount(UUID supplier, UUID subject) {
        return db.sql("SELECT count(*) AS n FROM outbox_message WHERE supplier_id = :s" + " AND subject_id = :id")
                .bind("s", supplier)
                .bind("id", subject)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** Its deliveries to phones, oldest message first (the first 10,000). */
    Mono<List<DeliveriesController.Delivery>> deliveries(UUID supplier, UUID subject) {
        return db.sql("""
                        SELECT m.id AS message_id, m.kind, m.created_at, d.id AS phone, d.platform, d.name,
                          p.state, p.attempts, p.next_attempt_at, p.last_error, p.fcm_name, p.sent_at, d.retired_reason
                        FROM outbox_message m
                        JOIN push_delivery p ON p.message_id = m.id
                        JOIN push_device d ON d.supplier_id = p.supplier_id AND d.id = p.device_id
                        WHERE m.supplier_id = :s AND m.subject_id = :id
                        ORDER BY m.id, d.registered_at
                        LIMIT 10000
                        """)
                .bind("s", supplier)
                .bind("id", subject)
                .map(row -> new DeliveriesController.Delivery(
                        row.get("message_id", Long.class),
                        row.get("kind", String.class),
                        row.get("created_at", Instant.class),
                        row.get("phone", UUID.class),
                        row.get("platform", String.class),
                        row.get("name", String.class),
                        row.get("state", String.class),
                        row.get("attempts", Integer.class),
                        "PENDING".equals(row.get("state", String.class))
                                ? row.get("next_attempt_at", Instant.class)
                                : null,
                        row.get("last_error", String.class),
                        row.get("fcm_name", String.class),
                        row.get("sent_at", Instant.class),
                        row.get("retired_reason", String.class)))
                .all()
                .collectList();
    }

    /** Completes with 1 when the supplier has the code or notice ({@code table} is one of two constants). */
    Mono<Integer> exists(UUID supplier, String table, UUID subject) {
        if (!"code".equals(table) && !"notice".equals(table)) {
            throw new IllegalArgumentException(table);
        }
        return db.sql("SELECT 1 FROM " + table + " WHERE supplier_id = :s AND id = :id")
                .bind("s", supplier)
                .bind("id", subject)
                .map(row -> 1)
                .one();
    }
}
