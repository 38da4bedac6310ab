package uk.lifeline.backend.activation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.code.GbcsCheckDigit;

/**
 * Activation codes: 12 digits, the last a GBCS check digit of the first 11 (so the app catches a typo before it
 * costs an attempt), random, single use, expiring. Only their SHA-256 is stored. Thread-safe.
 */
@Component
class ActivationCodes {

    /** Whose account a used code was for. Immutable. */
    record Redeemed(UUID supplierId, UUID customerId) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;

    ActivationCodes(DatabaseClient db) {
        this.db = db;
    }

    /** A fresh code's 12 digits. */
    static String newDigits() {
        StringBuilder digits = new StringBuilder(12);
        for (int i = 0; i < 11; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.append(GbcsCheckDigit.of(digits)).toString();
    }

    /** {@code 1234 5678 9012}: how a code is written on a letter or read out. */
    static String grouped(String digits) {
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }

    static byte[] hash(String digits) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(digits.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a code for the customer, if the customer is the supplier's; empty when not. */
    Mono<Long> create(
            UUID id, UUID supplier, UUID customer, String digits, UUID createdBy, Instant now, Instant expires) {
        return db.sql("""
                        INSERT INTO activation_code (id, supplier_id, customer_account_id, code_hash, created_by,
                          created_at, expires_at)
                        SELECT :id, :s, a.id, :h, :by, :now, :expires FROM customer_account a
                        WHERE a.supplier_id = :s AND a.id = :c
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("h", hash(digits))
                .bind("by", createdBy)
                .bind("now", now)
                .bind("expires", expires)
                .fetch()
                .rowsUpdated()
                .filter(n -> n > 0);
    }

    /** Uses a code once: empty when it is unknown, used already or expired. */
    Mono<Redeemed> redeem(String digits, UUID app, Instant now) {
        return db.sql("""
                        UPDATE activation_code SET used_at = :now, used_by_app = :app
                        WHERE code_hash = :h AND used_at IS NULL AND expires_at > :now
                        RETURNING supplier_id, customer_account_id
                        """)
                .bind("h", hash(digits))
                .bind("now", now)
                .bind("app", app)
                .map(row ->
                        new Redeemed(row.get("supplier_id", UUID.class), row.get("customer_account_id", UUID.class)))
                .one();
    }

    /** Whose a code was when it exists but can no longer be used (used already or expired); empty otherwise. */
    Mono<UUID> staleOwner(String digits) {
        return db.sql("SELECT customer_account_id FROM activation_code WHERE code_hash = :h")
                .bind("h", hash(digits))
                .map(row -> row.get("customer_account_id", UUID.class))
                .first();
    }

    Mono<Long> install(UUID app, Redeemed who, String deviceName, String platform, Instant now, Instant expires) {
        return db.sql("""
                        INSERT INTO app_install (id, supplier_id, customer_account_id, device_name, platform,
                          activated_at, expires_at) VALUES (:id, :s, :c, :n, :p, :now, :expires)
                        """)
                .bind("id", app)
                .bind("s", who.supplierId())
                .bind("c", who.customerId())
                .bind("n", deviceName)
                .bind("p", platform)
                .bind("now", now)
                .bind("expires", expires)
                .fetch()
                .rowsUpdated();
    }
}
