package uk.lifeline.backend.customer;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Customers' accounts with a supplier: the one writer of {@code customer_account}. A change of supplier opens the
 * gaining supplier's account through it; the demo data is seeded through it. Thread-safe; joins the caller's
 * transaction.
 */
@Component
public class CustomerAccounts {

    private final DatabaseClient db;

    CustomerAccounts(DatabaseClient db) {
        this.db = db;
    }

    /** Opens an account; {@code phone} may be null. A number the supplier already uses is refused by the schema. */
    public Mono<Void> open(UUID id, UUID supplier, String accountNumber, String name, String phone) {
        var spec = db.sql("INSERT INTO customer_account (id, supplier_id, account_number, name, phone)"
                        + " VALUES (:id, :s, :n, :name, :phone)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("n", accountNumber)
                .bind("name", name);
        return (phone == null ? spec.bindNull("phone", String.class) : spec.bind("phone", phone))
                .fetch()
                .rowsUpdated()
                .then();
    }
}
