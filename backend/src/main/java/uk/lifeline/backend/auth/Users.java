package uk.lifeline.backend.auth;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads users for sign-in. Thread-safe. */
@Component
class Users {

    /** A user as sign-in needs it. Immutable. */
    record User(UUID id, UUID supplierId, String username, String passwordHash, Role role, UUID customerAccountId) {
        @Override
        public String toString() {
            return "User[" + username + ", " + role + "]";
        }
    }

    private final DatabaseClient db;

    Users(DatabaseClient db) {
        this.db = db;
    }

    Mono<User> byUsername(String username) {
        return db.sql("SELECT id, supplier_id, username, password_hash, role, customer_account_id FROM app_user"
                        + " WHERE username = :username")
                .bind("username", username)
                .map(row -> new User(
                        row.get("id", UUID.class),
                        row.get("supplier_id", UUID.class),
                        row.get("username", String.class),
                        row.get("password_hash", String.class),
                        Role.valueOf(row.get("role", String.class)),
                        row.get("customer_account_id", UUID.class)))
                .one();
    }
}
