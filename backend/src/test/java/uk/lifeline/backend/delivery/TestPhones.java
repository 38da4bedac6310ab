package uk.lifeline.backend.delivery;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/** Phones registered for a customer straight into the database, for tests of the push queue. Stateless. */
final class TestPhones {

    private TestPhones() {}

    /** Registers {@code n} Android phones for the customer, with tokens {@code prefix1} to {@code prefixN}. */
    static void register(DatabaseClient db, UUID supplier, UUID customer, String prefix, int n) {
        db.sql("""
                        INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                          registered_at)
                        SELECT gen_random_uuid(), :s, :c, gen_random_uuid(), :prefix || g, 'android', now()
                        FROM generate_series(1, :n) g
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("prefix", prefix)
                .bind("n", n)
                .fetch()
                .rowsUpdated()
                .block();
    }
}
