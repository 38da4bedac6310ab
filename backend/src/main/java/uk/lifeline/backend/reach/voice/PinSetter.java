package uk.lifeline.backend.reach.voice;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.problem.ApiException;

/** Sets a customer's PIN for the inbound line and audits it (never with the PIN), in one transaction. Thread-safe. */
@Service
class PinSetter {

    private final VoicePins pins;
    private final AuditLog audit;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    PinSetter(VoicePins pins, AuditLog audit, DatabaseClient db, TransactionalOperator tx, Clock clock) {
        this.pins = pins;
        this.audit = audit;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Sets the PIN of the supplier's customer (404 for anyone else's).
     *
     * @param by CUSTOMER (chosen in the app) or AGENT
     */
    Mono<Void> set(UUID supplier, UUID customer, UUID actor, String by, String reason, String pin) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", by);
        details.put("reason", reason);
        return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> 1)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer)))
                .then(pins.set(supplier, customer, pin, by, now))
                .then(audit.append(supplier, now, actor, "voice-pin.set", "customer:" + customer, details))
                .as(tx::transactional);
    }
}
