package uk.lifeline.backend.reach.voice;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The one store of {@code voice_pin}: customers' PINs for the inbound line, and wrong tries. Thread-safe. */
@Component
class VoicePins {

    /** A customer's PIN as kept. */
    record Pin(
            UUID supplierId,
            UUID customerId,
            byte[] salt,
            byte[] hash,
            int iterations,
            int failures,
            Instant lockedAt) {
        boolean locked() {
            return lockedAt != null;
        }

        /** Whether the PIN keyed is this one (slow on purpose: run off the event loop). */
        Mono<Boolean> matches(String keyed) {
            return Mono.fromCallable(() -> PinHash.matches(keyed, salt, hash, iterations))
                    .subscribeOn(Schedulers.boundedElastic());
        }
    }

    private final DatabaseClient db;

    VoicePins(DatabaseClient db) {
        this.db = db;
    }

    /** Sets (or replaces) the PIN: wrong tries are forgotten and a lock is lifted. */
    Mono<Void> set(UUID supplier, UUID customer, String pin, String by, Instant now) {
        return Mono.fromCallable(() -> PinHash.hash(pin))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(h -> db.sql("""
                                INSERT INTO voice_pin (supplier_id, customer_account_id, salt, hash, iterations, set_by,
                                    set_at, failures, locked_at)
                                VALUES (:s, :c, :salt, :hash, :n, :by, :now, 0, NULL)
                                ON CONFLICT (supplier_id, customer_account_id) DO UPDATE SET salt = EXCLUDED.salt,
                                    hash = EXCLUDED.hash, iterations = EXCLUDED.iterations, set_by = EXCLUDED.set_by,
                                    set_at = EXCLUDED.set_at, failures = 0, locked_at = NULL
                                """)
                        .bind("s", supplier)
                        .bind("c", customer)
                        .bind("salt", h.salt())
                        .bind("hash", h.hash())
                        .bind("n", h.iterations())
                        .bind("by", by)
                        .bind("now", now)
                        .fetch()
                        .rowsUpdated()
                        .then());
    }

    /** The customer's PIN, locked until the transaction ends. */
    Mono<Pin> lock(UUID supplier, UUID customer) {
        return db.sql("SELECT salt, hash, iterations, failures, locked_at FROM voice_pin"
                        + " WHERE supplier_id = :s AND customer_account_id = :c FOR UPDATE")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> new Pin(
                        supplier,
                        customer,
                        r.get("salt", byte[].class),
                        r.get("hash", byte[].class),
                        r.get("iterations", Integer.class),
                        r.get("failures", Integer.class),
                        r.get("locked_at", Instant.class)))
                .one();
    }

    /** One more wrong PIN; the {@code limit}th in a row locks it. True if it is now locked. */
    Mono<Boolean> wrong(Pin pin, int limit, Instant now) {
        return db.sql("UPDATE voice_pin SET failures = failures + 1,"
                        + " locked_at = CASE WHEN failures + 1 >= :limit THEN :now END"
                        + " WHERE supplier_id = :s AND customer_account_id = :c AND locked_at IS NULL"
                        + " RETURNING locked_at IS NOT NULL AS locked")
                .bind("limit", limit)
                .bind("now", now)
                .bind("s", pin.supplierId())
                .bind("c", pin.customerId())
                .map(r -> Boolean.TRUE.equals(r.get("locked", Boolean.class)))
                .one()
                .defaultIfEmpty(true);
    }

    Mono<Void> right(Pin pin) {
        return db.sql("UPDATE voice_pin SET failures = 0 WHERE supplier_id = :s AND customer_account_id = :c")
                .bind("s", pin.supplierId())
                .bind("c", pin.customerId())
                .fetch()
                .rowsUpdated()
                .then();
    }
}
