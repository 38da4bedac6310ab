package uk.lifeline.backend.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ApiException;

/**
 * A customer's timeline in the database: the events it reads across features (codes, results, notices, notes,
 * texts, contacts, reach tasks) and the agents' notes, of which it is the one writer ({@code customer_note}). Every
 * statement names the supplier. Thread-safe; joins the caller's transaction.
 */
@Component
class TimelineStore {

    private static final String EVENTS = """
            SELECT * FROM (
              SELECT 'code' AS kind, c.issued_at AS at, u.display_name AS by, c.command, c.parameters::text AS parameters,
                c.status, c.reason AS text, c.id AS code_id
              FROM code c LEFT JOIN app_user u ON u.id = c.issued_by
              WHERE c.supplier_id = :s AND c.customer_account_id = :c
              UNION ALL
              SELECT 'result', r.reported_at, u.display_name, c.command, c.parameters::text, r.outcome, r.reason, c.id
              FROM code_result r JOIN code c ON c.id = r.code_id AND c.supplier_id = :s
              LEFT JOIN app_user u ON u.id = r.reported_by
              WHERE r.supplier_id = :s AND c.customer_account_id = :c
              UNION ALL
              SELECT 'notice', cn.created_at, NULL, NULL, NULL, NULL, n.title || ': ' || n.message, NULL
              FROM customer_notice cn JOIN notice n ON n.id = cn.notice_id AND n.supplier_id = :s
              WHERE cn.supplier_id = :s AND cn.customer_account_id = :c
              UNION ALL
              SELECT 'note', x.created_at, u.display_name, NULL, NULL, NULL, x.text, NULL
              FROM customer_note x LEFT JOIN app_user u ON u.id = x.author_id
              WHERE x.supplier_id = :s AND x.customer_account_id = :c
              UNION ALL
              -- A text that carries a code is named, not quoted: a cancelled code's digits are never shown.
              SELECT CASE WHEN m.direction = 'OUT' THEN 'text-sent' ELSE 'text-received' END, m.created_at, NULL,
                NULL, NULL, m.state,
                CASE WHEN m.direction = 'IN' THEN 'From the number ending ' || right(m.phone, 4) || ': ' || m.body
                     WHEN m.code_id IS NOT NULL THEN 'The code, to the number ending ' || right(m.phone, 4)
                     ELSE 'To the number ending ' || right(m.phone, 4) || ': ' || m.body END, m.code_id
              FROM sms_message m WHERE m.supplier_id = :s AND m.customer_account_id = :c
              UNION ALL
              SELECT CASE WHEN r.kind = 'CONTACT' THEN 'contact' ELSE 'no-supply' END, r.at, u.display_name, NULL,
                NULL, r.outcome, concat_ws(': ', lower(replace(r.action, '_', ' ')), r.note), r.code_id
              FROM risk_event r LEFT JOIN app_user u ON u.id = r.by_user
              WHERE r.supplier_id = :s AND r.customer_account_id = :c
              UNION ALL
              SELECT CASE WHEN t.kind = 'CALL_BACK' THEN 'call-back' ELSE 'unreached' END, t.created_at, NULL, NULL,
                NULL, CASE WHEN t.closed_at IS NULL THEN 'OPEN' ELSE 'CLOSED' END, t.detail, t.code_id
              FROM reach_task t WHERE t.supplier_id = :s AND t.customer_account_id = :c
            ) e ORDER BY at DESC LIMIT :n
            """;

    private final DatabaseClient db;
    private final ObjectMapper json;

    TimelineStore(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The customer's newest events (calls excepted: {@code reach.CallLog} reads those), newest first. */
    Flux<CustomerTimeline.Event> events(UUID supplier, UUID customer, int limit) {
        return db.sql(EVENTS)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("n", limit)
                .map(r -> CustomerTimeline.event(
                        r.get("kind", String.class),
                        r.get("at", OffsetDateTime.class).toInstant(),
                        r.get("by", String.class),
                        r.get("command", String.class),
                        StoredJson.parameters(json, r.get("parameters", String.class), "a code's"),
                        r.get("status", String.class),
                        r.get("text", String.class),
                        r.get("code_id", UUID.class)))
                .all();
    }

    Mono<Void> insertNote(UUID id, UUID supplier, UUID customer, UUID author, String text, Instant now) {
        return db.sql("INSERT INTO customer_note (id, supplier_id, customer_account_id, author_id, text,"
                        + " created_at) VALUES (:id, :s, :c, :a, :t, :now)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("a", author)
                .bind("t", text)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Completes when the supplier has the customer; another supplier's is not found. */
    Mono<Void> exists(UUID supplier, UUID customer) {
        return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> 1)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer.toString())))
                .then();
    }
}
