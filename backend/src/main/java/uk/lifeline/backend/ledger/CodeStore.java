package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;

/**
 * The code ledger's reads and writes. Every statement names the supplier, and a customer's reads name their
 * account too. Thread-safe.
 */
@Component
class CodeStore {

    private static final String SELECT = """
            SELECT c.*, d.eui64 FROM code c
            JOIN device d ON d.supplier_id = c.supplier_id AND d.id = c.device_id
            WHERE c.supplier_id = :supplier
            """;

    private static final String INSERT = """
            INSERT INTO code (id, supplier_id, device_id, customer_account_id, command, parameters, amount_pence,
              blocks, counter, reason, status, needs_approval, approval_reasons, issued_by, issued_at,
              expires_at, envelope, updated_at)
            VALUES (:id, :supplier, :device, :customer, :command, :parameters, :amount, :blocks, :counter,
              :reason, :status, :needsApproval, :approvalReasons, :issuedBy, :issuedAt, :expiresAt, :envelope,
              :issuedAt)
            """;

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {};
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final ObjectMapper json;

    CodeStore(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Inserts a new code and, in the same statement (one round trip), the idempotency record of the request that
     * made it and its audit entry.
     */
    Mono<Void> insert(CodeRecord c, Idempotency.Row request, String auditEntry) {
        String sql = "WITH code_row AS (" + INSERT + " RETURNING id), "
                + "request AS (INSERT INTO idempotency_record (supplier_id, user_id, key, request_hash, http_status,"
                + " response_body) SELECT :supplier, :issuedBy, :key, :hash, :httpStatus, :body FROM code_row), "
                + AuditLog.appendInStatement();
        GenericExecuteSpec spec = bindCode(db.sql(sql), c)
                .bind("entry", auditEntry)
                .bind("chain", AuditLog.chainOf(CodeRecord.auditSubject(c.id())))
                .bind("key", request.key())
                .bind("hash", request.requestHash())
                .bind("httpStatus", request.httpStatus())
                .bind("body", request.responseBody());
        return spec.fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("supplier " + c.supplierId() + " has no audit head")));
    }

    Mono<CodeRecord> find(UUID supplier, UUID id, UUID customerOrNull, boolean forUpdate) {
        String sql =
                SELECT + " AND c.id = :id" + (customerOrNull == null ? "" : " AND c.customer_account_id = :customer")
                        + (forUpdate ? " FOR UPDATE OF c" : "");
        GenericExecuteSpec spec = db.sql(sql).bind("supplier", supplier).bind("id", id);
        if (customerOrNull != null) {
            spec = spec.bind("customer", customerOrNull);
        }
        return spec.map(this::read).one();
    }

    Flux<CodeRecord> forMeter(UUID supplier, UUID device, int limit, long offset) {
        return db.sql(SELECT + " AND c.device_id = :device ORDER BY c.issued_at DESC, c.id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("supplier", supplier)
                .bind("device", device)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::read)
                .all();
    }

    Mono<Long> countForMeter(UUID supplier, UUID device) {
        return db.sql("SELECT count(*) AS n FROM code WHERE supplier_id = :supplier AND device_id = :device")
                .bind("supplier", supplier)
                .bind("device", device)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** A customer's codes, newest first, strictly older than the cursor position when one is given. */
    Flux<CodeRecord> forCustomer(UUID supplier, UUID customer, MyCodesCursor before, int limit) {
        String sql = SELECT + " AND c.customer_account_id = :customer"
                + (before == null ? "" : " AND (c.issued_at, c.id) < (:beforeAt, :beforeId)")
                + " ORDER BY c.issued_at DESC, c.id DESC LIMIT :limit";
        GenericExecuteSpec spec = db.sql(sql)
                .bind("supplier", supplier)
                .bind("customer", customer)
                .bind("limit", limit);
        if (before != null) {
            spec = spec.bind("beforeAt", before.issuedAt()).bind("beforeId", before.id());
        }
        return spec.map(this::read).all();
    }

    /**
     * Top-ups released per meter since a moment (the start of today), for the daily limit: the one definition of
     * today's total, counted from the codes. {@link BatchWriter} reads the sum V30 keeps on the counter row
     * instead, and counts with this only when that sum is of another day. Binds :supplier, :limited (meter ids as
     * text) and :since.
     */
    static final String TOP_UPS_SINCE = """
            SELECT device_id, coalesce(sum(amount_pence), 0)::bigint AS total FROM code
            WHERE supplier_id = :supplier AND device_id = ANY(:limited::text[]::uuid[]) AND issued_at >= :since
              AND amount_pence IS NOT NULL AND status IN (%s)
            GROUP BY device_id
            """.formatted(CodeStatus.sql(CodeStatus.COUNTS_TOWARDS_LIMITS));

    /** Top-ups released for a meter since a moment (the start of today), for the daily limit. */
    public Mono<Long> releasedTopUpsSince(UUID supplier, UUID device, Instant since) {
        return db.sql(TOP_UPS_SINCE)
                .bind("supplier", supplier)
                .bind("limited", new String[] {device.toString()})
                .bind("since", since)
                .map(row -> row.get("total", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }

    /** ISSUED -> DELIVERED; completes with 1, or 0 when the code was not ISSUED. */
    Mono<Long> markEntered(UUID supplier, UUID id, Instant now) {
        return db.sql("""
                        UPDATE code SET status = 'ENTERED', updated_at = :now
                        WHERE supplier_id = :s AND id = :id AND status IN ('ISSUED', 'DELIVERED')
                        """)
                .bind("s", supplier)
                .bind("id", id)
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> markDelivered(UUID supplier, UUID id, Instant now) {
        return db.sql("""
                        UPDATE code SET status = 'DELIVERED', updated_at = :now
                        WHERE supplier_id = :s AND id = :id AND status = 'ISSUED'
                        """)
                .bind("s", supplier)
                .bind("id", id)
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    /** Cancels every outstanding code of the supplier's meters at the premises, returning them. */
    Flux<CodeRecord> cancelAtPremises(UUID supplier, UUID premises, String reason, Instant now) {
        return db.sql("""
                        UPDATE code c SET status = 'CANCELLED', cancel_reason = :reason, updated_at = :now
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p AND c.supplier_id = d.supplier_id
                          AND c.device_id = d.id AND c.status IN (%s)
                        RETURNING c.*, d.eui64
                        """.formatted(CodeStatus.sql(CodeStatus.OUTSTANDING)))
                .bind("reason", reason)
                .bind("now", now)
                .bind("s", supplier)
                .bind("p", premises)
                .map(this::read)
                .all();
    }

    /** Records the person who cancelled or refused a code (the history names them). */
    Mono<Void> cancelledBy(UUID supplier, UUID id, UUID user) {
        return db.sql("UPDATE code SET cancelled_by = :by WHERE supplier_id = :s AND id = :id")
                .bind("by", user)
                .bind("s", supplier)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Writes a code's changeable fields: status, approval, result, cancellation, envelope. */
    Mono<Void> update(CodeRecord c) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE code SET status = :status, approved_by = :approvedBy, approved_at = :approvedAt,
                          result_at = :resultAt, result_reason = :resultReason, cancel_reason = :cancelReason,
                          envelope = :envelope, updated_at = :updatedAt
                        WHERE supplier_id = :supplier AND id = :id
                        """)
                .bind("supplier", c.supplierId())
                .bind("id", c.id())
                .bind("status", c.status().name())
                .bind("updatedAt", c.updatedAt());
        spec = nullable(spec, "approvedBy", c.approvedBy(), UUID.class);
        spec = nullable(spec, "approvedAt", c.approvedAt(), Instant.class);
        spec = nullable(spec, "resultAt", c.resultAt(), Instant.class);
        spec = nullable(spec, "resultReason", c.resultReason(), String.class);
        spec = nullable(spec, "cancelReason", c.cancelReason(), String.class);
        spec = nullable(spec, "envelope", c.envelope(), String.class);
        return spec.fetch().rowsUpdated().then();
    }

    /** Marks up to {@code limit} outstanding codes past their expiry as EXPIRED, returning them. */
    Flux<CodeRecord> expire(Instant now, int limit) {
        return db.sql("""
                        WITH due AS (
                          SELECT id FROM code WHERE status IN (%s)
                            AND expires_at <= :now
                          ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE code c SET status = 'EXPIRED', updated_at = :now
                        FROM due, device d
                        WHERE c.id = due.id AND d.supplier_id = c.supplier_id AND d.id = c.device_id
                        RETURNING c.*, d.eui64
                        """.formatted(CodeStatus.sql(CodeStatus.OUTSTANDING)))
                .bind("now", now)
                .bind("limit", limit)
                .map(this::read)
                .all();
    }

    private GenericExecuteSpec bindCode(GenericExecuteSpec spec, CodeRecord c) {
        spec = spec.bind("id", c.id())
                .bind("supplier", c.supplierId())
                .bind("device", c.deviceId())
                .bind("customer", c.customerAccountId())
                .bind("command", c.command())
                .bind("parameters", Json.of(write(c.parameters())))
                .bind("blocks", c.blocks().toArray(String[]::new))
                .bind("counter", c.counter())
                .bind("reason", c.reason())
                .bind("status", c.status().name())
                .bind("needsApproval", c.needsApproval())
                .bind("approvalReasons", Json.of(write(c.approvalReasons())))
                .bind("issuedBy", c.issuedBy())
                .bind("issuedAt", c.issuedAt())
                .bind("expiresAt", c.expiresAt());
        spec = nullable(spec, "amount", c.amountPence(), Long.class);
        return nullable(spec, "envelope", c.envelope(), String.class);
    }

    private static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private CodeRecord read(Readable row) {
        return new CodeRecord(
                row.get("id", UUID.class),
                row.get("supplier_id", UUID.class),
                row.get("device_id", UUID.class),
                row.get("eui64", String.class),
                row.get("customer_account_id", UUID.class),
                row.get("command", String.class),
                readJson(row.get("parameters", Json.class), PARAMETERS),
                row.get("amount_pence", Long.class),
                List.of(row.get("blocks", String[].class)),
                row.get("counter", Long.class),
                row.get("reason", String.class),
                CodeStatus.valueOf(row.get("status", String.class)),
                row.get("needs_approval", Boolean.class),
                readJson(row.get("approval_reasons", Json.class), REASONS),
                row.get("issued_by", UUID.class),
                row.get("approved_by", UUID.class),
                row.get("issued_at", Instant.class),
                row.get("expires_at", Instant.class),
                row.get("approved_at", Instant.class),
                row.get("result_at", Instant.class),
                row.get("result_reason", String.class),
                row.get("cancel_reason", String.class),
                row.get("envelope", String.class),
                row.get("updated_at", Instant.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T readJson(Json value, TypeReference<T> type) {
        try {
            return json.readValue(value.asString(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger holds malformed JSON", e);
        }
    }
}
