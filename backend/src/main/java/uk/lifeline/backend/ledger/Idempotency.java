package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.Rows;

/**
 * Idempotency records: per user and Idempotency-Key, the hash of the request and the response it got. The
 * record is written in the same transaction as the code, so a key either has its code and response or nothing.
 * Thread-safe.
 */
@Component
class Idempotency {

    /** One stored request and its response. Immutable. */
    record Row(String key, byte[] requestHash, int httpStatus, String responseBody) {}

    private final DatabaseClient db;
    private final ObjectMapper json;

    Idempotency(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Row> find(UUID supplier, UUID user, String key) {
        return db.sql("SELECT key, request_hash, http_status, response_body FROM idempotency_record"
                        + " WHERE supplier_id = :supplier AND user_id = :user AND key = :key")
                .bind("supplier", supplier)
                .bind("user", user)
                .bind("key", key)
                .map(row -> new Row(
                        row.get("key", String.class),
                        Rows.bytes(row.get("request_hash")),
                        row.get("http_status", Integer.class),
                        row.get("response_body", String.class)))
                .one();
    }
}
