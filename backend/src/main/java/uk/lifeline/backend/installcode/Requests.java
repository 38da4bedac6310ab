package uk.lifeline.backend.installcode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes install-code requests: the one writer of {@code install_code_request}. Every query is scoped to
 * the supplier asking: the requests it raised or must answer, nothing else. Other features reach the table through
 * the public methods (a change of supplier cancels a premises' open requests; the demo data raises old ones).
 * Thread-safe; joins the caller's transaction.
 */
@Component
public class Requests {

    private static final String MINE = " WHERE (r.supplier_id = :s OR r.responder_id = :s)";

    /** Filters of a list. Immutable; null means any. */
    record Filter(String direction, RequestStatus status, Boolean overdue, String eui, LocalDate today) {}

    private final DatabaseClient db;

    Requests(DatabaseClient db) {
        this.db = db;
    }

    Mono<RequestRow> find(UUID supplierId, UUID id, boolean lock) {
        return db.sql(RequestRow.SELECT + MINE + " AND r.id = :id" + (lock ? " FOR UPDATE OF r" : ""))
                .bind("s", supplierId)
                .bind("id", id)
                .map(RequestRow::read)
                .one();
    }

    Flux<RequestRow> list(UUID supplierId, Filter f, int page, int size) {
        return bind(
                        db.sql(RequestRow.SELECT + MINE + where(f) + " ORDER BY r.requested_at DESC, r.id"
                                + " LIMIT :limit OFFSET :offset"),
                        supplierId,
                        f)
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(RequestRow::read)
                .all();
    }

    Mono<Long> count(UUID supplierId, Filter f) {
        return bind(db.sql("SELECT count(*) AS n FROM install_code_request r" + MINE + where(f)), supplierId, f)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** Open requests past their due date, raised or owed, oldest due first. */
    Flux<RequestRow> overdue(UUID supplierId, LocalDate today) {
        return db.sql(RequestRow.SELECT + MINE + " AND r.status = 'OPEN' AND r.due_on < :today"
                        + " ORDER BY r.due_on, r.requested_at, r.id LIMIT 1000")
                .bind("s", supplierId)
                .bind("today", today)
                .map(RequestRow::read)
                .all();
    }

    /** Inserts the requests of one upload (or one single request) in one statement. */
    Mono<Void> insert(
            UUID supplierId,
            UUID batch,
            List<Target> targets,
            List<UUID> ids,
            UUID by,
            Instant at,
            LocalDate on,
            LocalDate due) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO install_code_request (id, supplier_id, responder_id, routed_to, device_id, eui64,
                          batch_id, status, note, requested_by, requested_at, requested_on, due_on)
                        SELECT i.id, :s, i.responder, i.routed, i.device, i.eui, :batch, 'OPEN', nullif(i.note, ''),
                          :by, :at, :on, :due
                        FROM unnest(:ids::uuid[], :responders::uuid[], :routed::text[], :devices::uuid[],
                          :euis::text[], :notes::text[]) AS i(id, responder, routed, device, eui, note)
                        """)
                .bind("s", supplierId)
                .bind("by", by)
                .bind("at", at)
                .bind("on", on)
                .bind("due", due)
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("responders", targets.stream().map(Target::responder).toArray(UUID[]::new))
                .bind("routed", targets.stream().map(Target::routedTo).toArray(String[]::new))
                .bind("devices", targets.stream().map(Target::deviceId).toArray(UUID[]::new))
                .bind("euis", targets.stream().map(Target::eui).toArray(String[]::new))
                .bind(
                        "notes",
                        targets.stream()
                                .map(t -> t.wanted().note() == null
                                        ? ""
                                        : t.wanted().note())
                                .toArray(String[]::new));
        spec = batch == null ? spec.bindNull("batch", UUID.class) : spec.bind("batch", batch);
        return spec.fetch().rowsUpdated().then();
    }

    /** An open request the supplier's change of supply cancelled. Immutable. */
    public record Cancelled(UUID id, UUID responderId, String eui64) {}

    /** Cancels the supplier's open requests for the premises' devices, giving the reason (a change of supplier). */
    public Flux<Cancelled> cancelOpenAtPremises(UUID supplier, UUID premises, String reason, Instant now) {
        return db.sql("""
                        UPDATE install_code_request r SET status = 'CANCELLED', closed_at = :now, closed_reason = :reason
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p AND r.supplier_id = d.supplier_id
                          AND r.device_id = d.id AND r.status = 'OPEN'
                        RETURNING r.id, r.responder_id, r.eui64
                        """)
                .bind("now", now)
                .bind("reason", reason)
                .bind("s", supplier)
                .bind("p", premises)
                .map(row -> new Cancelled(
                        row.get("id", UUID.class), row.get("responder_id", UUID.class), row.get("eui64", String.class)))
                .all();
    }

    /**
     * An open request for the requester's device, raised on an earlier day and routed to the installing supplier,
     * as the API would have made it then (the demo data's history; no audit entry, as the demo seeds none).
     */
    public Mono<Void> raisedEarlier(
            UUID requester, UUID responder, String eui, String note, UUID by, Instant at, LocalDate on, LocalDate due) {
        return db.sql("""
                        INSERT INTO install_code_request (id, supplier_id, responder_id, routed_to, device_id, eui64,
                          status, note, requested_by, requested_at, requested_on, due_on)
                        SELECT gen_random_uuid(), :r, :to, 'INSTALLING_SUPPLIER', d.id, d.eui64, 'OPEN', :note, :by,
                          :at, :on, :due
                        FROM device d WHERE d.supplier_id = :r AND d.eui64 = :e
                        """)
                .bind("r", requester)
                .bind("to", responder)
                .bind("note", note)
                .bind("by", by)
                .bind("at", at)
                .bind("on", on)
                .bind("due", due)
                .bind("e", eui)
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Void> answer(UUID id, RequestStatus outcome, UUID by, Instant at, LocalDate on, String note) {
        return db.sql("""
                        UPDATE install_code_request SET status = :outcome, answered_by = :by, answered_at = :at,
                          answered_on = :on, answer_note = nullif(:note, '')
                        WHERE id = :id AND status = 'OPEN'
                        """)
                .bind("outcome", outcome.name())
                .bind("by", by)
                .bind("at", at)
                .bind("on", on)
                .bind("note", note == null ? "" : note)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Void> close(UUID id, RequestStatus status, Instant at, String reason) {
        return db.sql("""
                        UPDATE install_code_request SET status = :status, closed_at = :at, closed_reason = :reason
                        WHERE id = :id AND status = 'OPEN'
                        """)
                .bind("status", status.name())
                .bind("at", at)
                .bind("reason", reason)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Void> escalate(UUID id, UUID by, Instant at, String note) {
        return db.sql("""
                        UPDATE install_code_request SET escalated_by = :by, escalated_at = :at, escalation_note = :note
                        WHERE id = :id AND status = 'OPEN'
                        """)
                .bind("by", by)
                .bind("at", at)
                .bind("note", note)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static String where(Filter f) {
        StringBuilder sql = new StringBuilder();
        if ("RAISED".equals(f.direction())) {
            sql.append(" AND r.supplier_id = :s");
        } else if ("OWED".equals(f.direction())) {
            sql.append(" AND r.responder_id = :s");
        }
        if (f.status() != null) {
            sql.append(" AND r.status = :status");
        }
        if (Boolean.TRUE.equals(f.overdue())) {
            sql.append(" AND r.status = 'OPEN' AND r.due_on < :today");
        } else if (Boolean.FALSE.equals(f.overdue())) {
            sql.append(" AND NOT (r.status = 'OPEN' AND r.due_on < :today)");
        }
        if (f.eui() != null) {
            sql.append(" AND r.eui64 = :eui");
        }
        return sql.toString();
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, UUID supplierId, Filter f) {
        spec = spec.bind("s", supplierId);
        if (f.status() != null) {
            spec = spec.bind("status", f.status().name());
        }
        if (f.overdue() != null) {
            spec = spec.bind("today", f.today());
        }
        if (f.eui() != null) {
            spec = spec.bind("eui", f.eui());
        }
        return spec;
    }
}
