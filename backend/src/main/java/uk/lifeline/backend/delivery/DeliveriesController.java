package uk.lifeline.backend.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;

/**
 * Where a code's or a notice's messages went: each outbox message about it (a code released or withdrawn; a
 * notice, once per affected customer) and its delivery to each phone, with state, attempts, FCM's last error and
 * message name (the first 10,000). Staff only.
 */
@RestController
class DeliveriesController {

    /** One message to one phone. Immutable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(long messageId, String kind, Instant queuedAt, UUID phoneId, String platform, String phoneName,
            String state, int attempts, Instant nextAttemptAt, String lastError, String fcmName, Instant sentAt,
            String phoneRetiredReason) {}

    /**
     * @param id the code's or notice's id
     * @param messages outbox messages about it (also sent on the customers' live streams)
     */
    record Deliveries(UUID id, long messages, List<Delivery> items) {}

    private final DatabaseClient db;

    DeliveriesController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/codes/{codeId}/deliveries")
    Mono<Deliveries> forCode(@AuthenticationPrincipal Jwt jwt, @PathVariable String codeId) {
        return forSubject(Caller.of(jwt).supplierId(), "code", codeId);
    }

    /** A notice's messages: one per affected customer, each to every phone they had. */
    @GetMapping("/api/v1/notices/{noticeId}/deliveries")
    Mono<Deliveries> forNotice(@AuthenticationPrincipal Jwt jwt, @PathVariable String noticeId) {
        return forSubject(Caller.of(jwt).supplierId(), "notice", noticeId);
    }

    private Mono<Deliveries> forSubject(UUID supplier, String table, String text) {
        UUID subject;
        try {
            subject = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound(table, text.length() > 40 ? "" : text));
        }
        Mono<Long> messages = db.sql("SELECT count(*) AS n FROM outbox_message WHERE supplier_id = :s"
                        + " AND subject_id = :id")
                .bind("s", supplier).bind("id", subject).map(row -> row.get("n", Long.class)).one();
        Mono<List<Delivery>> items = db.sql("""
                        SELECT m.id AS message_id, m.kind, m.created_at, d.id AS phone, d.platform, d.name,
                          p.state, p.attempts, p.next_attempt_at, p.last_error, p.fcm_name, p.sent_at, d.retired_reason
                        FROM outbox_message m
                        JOIN push_delivery p ON p.message_id = m.id
                        JOIN push_device d ON d.supplier_id = p.supplier_id AND d.id = p.device_id
                        WHERE m.supplier_id = :s AND m.subject_id = :id
                        ORDER BY m.id, d.registered_at
                        LIMIT 10000
                        """)
                .bind("s", supplier).bind("id", subject)
                .map(row -> new Delivery(row.get("message_id", Long.class), row.get("kind", String.class),
                        row.get("created_at", Instant.class), row.get("phone", UUID.class),
                        row.get("platform", String.class), row.get("name", String.class),
                        row.get("state", String.class), row.get("attempts", Integer.class),
                        "PENDING".equals(row.get("state", String.class)) ? row.get("next_attempt_at", Instant.class)
                                : null,
                        row.get("last_error", String.class), row.get("fcm_name", String.class),
                        row.get("sent_at", Instant.class), row.get("retired_reason", String.class)))
                .all().collectList();
        // The table name is one of two constants, never the caller's text.
        return db.sql("SELECT 1 FROM " + table + " WHERE supplier_id = :s AND id = :id").bind("s", supplier)
                .bind("id", subject).map(row -> 1).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(table, subject)))
                .then(Mono.zip(messages, items))
                .map(both -> new Deliveries(subject, both.getT1(), both.getT2()));
    }
}
