package uk.lifeline.backend.issuing;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The UTRN counter per supplier and meter. Taking one is a single UPDATE that both increments and checks the
 * window, so concurrent issues get distinct consecutive counters and the row stays locked until their
 * transaction ends. Thread-safe.
 */
@Component
class Counters {

    /** The counter state for previews and errors. Immutable. */
    record State(long next, long highestAccepted) {}

    private final DatabaseClient db;

    Counters(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Takes the next counter, or completes empty when it would be more than {@code window} above the highest
     * counter the meter is known to have accepted.
     */
    Mono<Long> take(UUID supplier, UUID device, int window) {
        return db.sql("""
                        UPDATE code_counter SET next_counter = next_counter + 1
                        WHERE supplier_id = :supplier AND device_id = :device
                          AND next_counter <= highest_accepted + :window
                        RETURNING next_counter - 1 AS counter
                        """)
                .bind("supplier", supplier).bind("device", device).bind("window", window)
                .map(row -> row.get("counter", Long.class)).one();
    }

    Mono<State> peek(UUID supplier, UUID device) {
        return db.sql("SELECT next_counter, highest_accepted FROM code_counter"
                        + " WHERE supplier_id = :supplier AND device_id = :device")
                .bind("supplier", supplier).bind("device", device)
                .map(row -> new State(row.get("next_counter", Long.class), row.get("highest_accepted", Long.class)))
                .one();
    }

    /** Records that the meter accepted a counter, which moves the window up. */
    Mono<Void> accepted(UUID supplier, UUID device, long counter) {
        return db.sql("UPDATE code_counter SET highest_accepted = greatest(highest_accepted, :counter)"
                        + " WHERE supplier_id = :supplier AND device_id = :device")
                .bind("supplier", supplier).bind("device", device).bind("counter", counter)
                .fetch().rowsUpdated().then();
    }
}
