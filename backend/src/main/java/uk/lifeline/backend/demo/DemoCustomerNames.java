package uk.lifeline.backend.demo;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A customer's account number and name, for the demo phones page. Read-only. Thread-safe. */
@Component
class DemoCustomerNames {

    record Named(String accountNumber, String name) {}

    private final DatabaseClient db;

    DemoCustomerNames(DatabaseClient db) {
        this.db = db;
    }

    Mono<Named> of(UUID supplier, UUID customer) {
        return db.sql("SELECT account_number, name FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> new Named(r.get("account_number", String.class), r.get("name", String.class)))
                .one();
    }
}
