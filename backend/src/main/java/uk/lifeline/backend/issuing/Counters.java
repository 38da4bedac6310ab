package uk.lifeline.backend.issuing;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.model.MeterModels;

/**
 * The UTRN counter per supplier and meter. Taking one is a single UPDATE that both increments and checks the
 * window, so concurrent issues get distinct consecutive counters and the row stays locked until their
 * transaction ends. Thread-safe.
 */
@Component
class Counters {

    /**
     * A counter taken, with the meter's modelled state ({@code meter_model.state} as text and its source, both
     * null when the backend has none) read by the same statement, for the issuing check. Immutable.
     */
    record Taken(long counter, String modelState, String modelSource) {}

    /** The counter state for previews and errors. Immutable. */
    record State(long next, long highestAccepted) {}

    private final DatabaseClient db;

    Counters(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Takes the next counter (and, in the same round trip, reads the meter's model), or completes empty when it would be more than {@code window} above the highest
     * counter the meter is known to have accepted.
     */
    Mono<Taken> take(UUID supplier, UUID device, int window) {
        return db.sql("""
                        UPDATE code_counter SET next_counter = next_counter + 1
                        WHERE supplier_id = :supplier AND device_id = :device
                          AND next_counter <= highest_accepted + :window
                        RETURNING next_counter - 1 AS counter,
                        """ + MeterModels.STATE_OF_COUNTER + " AS model_state, " + MeterModels.SOURCE_OF_COUNTER
                        + " AS model_source")
                .bind("supplier", supplier).bind("device", device).bind("window", window)
                .map(row -> new Taken(row.get("counter", Long.class), row.get("model_state", String.class),
                        row.get("model_source", String.class)))
                .one();
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
