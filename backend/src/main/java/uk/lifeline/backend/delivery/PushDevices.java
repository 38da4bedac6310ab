package uk.lifeline.backend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Customers' phones and their FCM tokens. An app installation (the session token's subject) has one live token:
 * registering a new one retires the old, and a token registered by another installation (the phone was linked
 * to another account) moves to the new one. The one writer of {@code push_device} with the dispatcher (which retires
 * a token FCM refuses) and {@link SessionEnds}; the demo data registers its phones here. Thread-safe.
 */
@Component
public class PushDevices {

    /** A live phone, as the customer sees it (never its token). Immutable. */
    public record Device(UUID id, String platform, String name, Instant registeredAt) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    PushDevices(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Registers the token for the installation; the same token again changes nothing. */
    public Mono<Device> register(
            UUID supplier, UUID customer, UUID installation, String token, String platform, String name, Instant now) {
        Mono<Device> same = db.sql("""
                        SELECT id, platform, name, registered_at FROM push_device
                        WHERE supplier_id = :s AND customer_account_id = :c AND installation = :i AND token = :t
                          AND retired_at IS NULL
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("i", installation)
                .bind("t", token)
                .map(PushDevices::read)
                .one();
        UUID id = UUID.randomUUID();
        Mono<Device> fresh = db.sql("""
                        UPDATE push_device SET retired_at = :now, retired_reason = CASE WHEN token = :t
                          THEN 'registered again by another app installation' ELSE 'replaced by a newer token' END
                        WHERE retired_at IS NULL AND (token = :t
                          OR supplier_id = :s AND customer_account_id = :c AND installation = :i)
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("i", installation)
                .bind("t", token)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then(insert(id, supplier, customer, installation, token, platform, name, now))
                .thenReturn(new Device(id, platform, name, now));
        return tx.transactional(same.switchIfEmpty(fresh));
    }

    private Mono<Long> insert(
            UUID id,
            UUID supplier,
            UUID customer,
            UUID installation,
            String token,
            String platform,
            String name,
            Instant now) {
        var spec = db.sql("""
                        INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                          name, registered_at) VALUES (:id, :s, :c, :i, :t, :p, :n, :now)
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("i", installation)
                .bind("t", token)
                .bind("p", platform)
                .bind("now", now);
        spec = name == null ? spec.bindNull("n", String.class) : spec.bind("n", name);
        return spec.fetch().rowsUpdated();
    }

    Flux<Device> live(UUID supplier, UUID customer) {
        return db.sql("""
                        SELECT id, platform, name, registered_at FROM push_device
                        WHERE supplier_id = :s AND customer_account_id = :c AND retired_at IS NULL
                        ORDER BY registered_at DESC
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .map(PushDevices::read)
                .all();
    }

    /** Retires one of the customer's phones (signed out, or lost); false when there is no such live phone. */
    Mono<Boolean> retire(UUID supplier, UUID customer, UUID id, Instant now) {
        return db.sql("""
                        UPDATE push_device SET retired_at = :now, retired_reason = 'removed by the customer'
                        WHERE supplier_id = :s AND customer_account_id = :c AND id = :id AND retired_at IS NULL
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("id", id)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    private static Device read(io.r2dbc.spi.Readable row) {
        return new Device(
                row.get("id", UUID.class),
                row.get("platform", String.class),
                row.get("name", String.class),
                row.get("registered_at", Instant.class));
    }
}
