package uk.lifeline.backend.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Reads a supplier's codes waiting for approval, oldest first, that have not expired. Thread-safe. */
@Component
class PendingCodes {

    static final int LIMIT = 100;

    private static final String SQL = """
            SELECT c.id, d.eui64, c.command, c.parameters::text AS parameters, c.reason,
                   c.approval_reasons::text AS approval_reasons, c.counter, cardinality(c.blocks) AS blocks, c.issued_at, c.expires_at,
                   c.issued_by, u.display_name, a.account_number, a.name
            FROM code c
            JOIN device d ON d.supplier_id = c.supplier_id AND d.id = c.device_id
            JOIN app_user u ON u.id = c.issued_by AND u.supplier_id = c.supplier_id
            JOIN customer_account a ON a.supplier_id = c.supplier_id AND a.id = c.customer_account_id
            WHERE c.supplier_id = :supplier AND c.status = 'PENDING_APPROVAL' AND c.expires_at > now()
            ORDER BY c.issued_at, c.id
            LIMIT :limit
            """;

    private final DatabaseClient db;
    private final ObjectMapper json;

    PendingCodes(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<PendingCode> forSupplier(UUID supplier) {
        return db.sql(SQL)
                .bind("supplier", supplier)
                .bind("limit", LIMIT)
                .map(this::row)
                .all();
    }

    private PendingCode row(Readable r) {
        return new PendingCode(
                r.get("id", UUID.class),
                r.get("eui64", String.class),
                r.get("command", String.class),
                StoredJson.parameters(json, r.get("parameters", String.class), "a code's"),
                r.get("reason", String.class),
                StoredJson.read(
                        json,
                        r.get("approval_reasons", String.class),
                        new TypeReference<List<String>>() {},
                        "a code's approval reasons"),
                r.get("counter", Long.class),
                r.get("blocks", Integer.class),
                instant(r, "issued_at"),
                instant(r, "expires_at"),
                r.get("issued_by", UUID.class),
                r.get("display_name", String.class),
                r.get("account_number", String.class),
                r.get("name", String.class));
    }

    private static Instant instant(Readable r, String column) {
        return r.get(column, OffsetDateTime.class).toInstant();
    }
}
