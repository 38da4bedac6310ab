package uk.lifeline.backend.ledger;

import java.util.List;
import java.util.Map;
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
class CounterStore {

    /**
     * A counter taken, with the meter's modelled state ({@code meter_model.state} as text and its source, both
     * null when the backend has none) read by the same statement, for the issuing check. Immutable.
     */
    record Taken(long counter, String modelState, String modelSource) {}

    /** The counter state for previews and errors. Immutable. */
    record State(long next, long highestAccepted) {}

    private final DatabaseClient db;

    CounterStore(DatabaseClient db) {
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
                .bind("supplier", supplier)
                .bind("device", device)
                .bind("window", window)
                .map(row -> new Taken(
                        row.get("counter", Long.class),
                        row.get("model_state", String.class),
                        row.get("model_source", String.class)))
                .one();
    }

    Mono<State> peek(UUID supplier, UUID device) {
        return db.sql("SELECT next_counter, highest_accepted FROM code_counter"
                        + " WHERE supplier_id = :supplier AND device_id = :device")
                .bind("supplier", supplier)
                .bind("device", device)
                .map(row -> new State(row.get("next_counter", Long.class), row.get("highest_accepted", Long.class)))
                .one();
    }

    /** Records that the meter accepted a counter, which moves the window up. */
    Mono<Void> accepted(UUID supplier, UUID device, long counter) {
        return db.sql("UPDATE code_counter SET highest_accepted = greatest(highest_accepted, :counter)"
                        + " WHERE supplier_id = :supplier AND device_id = :device")
                .bind("supplier", supplier)
                .bind("device", device)
                .bind("counter", counter)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Takes the next counter of each meter in one statement, locking the counter rows in meter order (so pages
     * cannot deadlock); a meter whose window is full is left out of the answer.
     */
    Mono<Map<UUID, Long>> takeEach(UUID supplier, List<UUID> devices, int window) {
        if (devices.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        WITH locked AS (
                          SELECT device_id FROM code_counter WHERE supplier_id = :s AND device_id = ANY(:ids::uuid[])
                          ORDER BY device_id FOR UPDATE)
                        UPDATE code_counter c SET next_counter = c.next_counter + 1 FROM locked
                        WHERE c.supplier_id = :s AND c.device_id = locked.device_id
                          AND c.next_counter <= c.highest_accepted + :window
                        RETURNING c.device_id, c.next_counter - 1 AS counter
                        """)
                .bind("s", supplier)
                .bind("ids", devices.stream().map(UUID::toString).toArray(String[]::new))
                .bind("window", window)
                .map(row -> Map.entry(row.get("device_id", UUID.class), row.get("counter", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Freezes the counters of the supplier's meters at the premises where they stand ({@link CodeBlocks}). */
    Mono<Long> blockPremises(UUID supplierId, UUID premisesId, String why) {
        return db.sql("""
                        UPDATE code_counter c SET codes_blocked = :why, blocked_next_counter = c.next_counter
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p
                          AND c.supplier_id = d.supplier_id AND c.device_id = d.id
                        """)
                .bind("why", why)
                .bind("s", supplierId)
                .bind("p", premisesId)
                .fetch()
                .rowsUpdated();
    }

    /** Lifts the device's block when it is blocked for that reason. */
    Mono<Void> lift(UUID supplierId, UUID deviceId, String why) {
        return db.sql("""
                        UPDATE code_counter SET codes_blocked = NULL, blocked_next_counter = NULL
                        WHERE supplier_id = :s AND device_id = :d AND codes_blocked = :why
                        """)
                .bind("s", supplierId)
                .bind("d", deviceId)
                .bind("why", why)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
