package uk.lifeline.backend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What delivery does when an app's session is revoked: the phone's push token is retired (in the revoking
 * transaction, so nothing more is pushed to a lost phone) and, once that is committed, the session's live streams
 * on this instance end (other instances end theirs on their next poll). Thread-safe.
 */
@Component
public class SessionEnds {

    private final DatabaseClient db;
    private final StreamHub hub;

    SessionEnds(DatabaseClient db, StreamHub hub) {
        this.db = db;
        this.hub = hub;
    }

    /** Retires the installation's live push token, if it has one. */
    public Mono<Void> retirePhone(UUID supplier, UUID customer, UUID session, Instant now) {
        return db.sql("""
                        UPDATE push_device SET retired_at = :now, retired_reason = 'app session revoked'
                        WHERE supplier_id = :s AND customer_account_id = :c AND installation = :i
                          AND retired_at IS NULL
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("i", session)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Ends the session's open streams on this instance at once. */
    public void endStreams(UUID supplier, UUID customer, UUID session) {
        hub.end(supplier, customer, session);
    }
}
