package uk.lifeline.backend.activation;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.SessionRevocations;

/**
 * The customers' app sessions (one per activated app: its {@code app_install} row, whose id is the session
 * token's subject): listed, revoked, and asked about by the token check. Thread-safe.
 */
@Component
class AppSessions implements SessionRevocations {

    /** A session as the customer and agents see it (never its token). Immutable. */
    record Session(
            UUID id, String deviceName, String platform, Instant activatedAt, Instant expiresAt, boolean current) {}

    private final DatabaseClient db;

    AppSessions(DatabaseClient db) {
        this.db = db;
    }

    /** The customer's sessions that can still be used, newest first; {@code current} marks the caller's own. */
    Flux<Session> live(UUID supplier, UUID customer, UUID current, Instant now) {
        return db.sql("""
                        SELECT id, device_name, platform, activated_at, expires_at FROM app_install
                        WHERE supplier_id = :s AND customer_account_id = :c AND revoked_at IS NULL
                          AND expires_at > :now
                        ORDER BY activated_at DESC, id
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("now", now)
                .map(row -> read(row, current))
                .all();
    }

    /** Ends one of the customer's live sessions; false when there is no such live session. */
    Mono<Boolean> revoke(UUID supplier, UUID customer, UUID session, UUID by, String reason, Instant now) {
        return db.sql("""
                        UPDATE app_install SET revoked_at = :now, revoked_by = :by, revoked_reason = :why
                        WHERE supplier_id = :s AND customer_account_id = :c AND id = :id AND revoked_at IS NULL
                          AND expires_at > :now
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("id", session)
                .bind("by", by)
                .bind("why", reason)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Whether the customer account is the supplier's (agents may only see their own supplier's customers). */
    Mono<Boolean> customerExists(UUID supplier, UUID customer) {
        return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Boolean> revoked(UUID subject) {
        return db.sql("SELECT revoked_at IS NOT NULL AS revoked FROM app_install WHERE id = :id")
                .bind("id", subject)
                .map(row -> Boolean.TRUE.equals(row.get("revoked", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    private static Session read(Readable row, UUID current) {
        UUID id = row.get("id", UUID.class);
        return new Session(
                id,
                row.get("device_name", String.class),
                row.get("platform", String.class),
                row.get("activated_at", Instant.class),
                row.get("expires_at", Instant.class),
                id.equals(current));
    }
}
