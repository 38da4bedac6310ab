package uk.lifeline.backend.reach.contact;

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
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.reach.Channel;

/** Reads and changes a customer's contact points; every change is audited in its own transaction. Thread-safe. */
@Service
public class ContactService {

    private final ContactStore store;
    private final AuditLog audit;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    ContactService(ContactStore store, AuditLog audit, DatabaseClient db, TransactionalOperator tx, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<ContactPoints> find(UUID supplier, UUID customer) {
        return exists(supplier, customer).then(store.find(supplier, customer));
    }

    public Mono<ContactPoints> update(UUID supplier, UUID customer, UUID agent, ContactUpdate.Checked change) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return exists(supplier, customer)
                .then(store.lock(supplier, customer))
                .flatMap(current -> {
                    if (current.version() != change.version()) {
                        return Mono.error(new ApiException(
                                ProblemType.CONTACT_CHANGED,
                                "the contact details are at version " + current.version() + ", not "
                                        + change.version()));
                    }
                    // Agreeing to texts again after a STOP is the customer's new agreement, taken by the agent.
                    boolean stillStopped =
                            current.smsStoppedAt() != null && !change.channels().contains(Channel.SMS);
                    ContactPoints next = new ContactPoints(
                            customer,
                            change.mobile(),
                            change.landline(),
                            change.language(),
                            change.channels(),
                            change.needs(),
                            change.nominee(),
                            stillStopped ? current.smsStoppedAt() : null,
                            current.version() + 1,
                            now,
                            agent);
                    return store.save(supplier, next)
                            .then(audit.append(
                                    supplier,
                                    now,
                                    agent,
                                    "contact.updated",
                                    "customer:" + customer,
                                    auditDetails(next, change.reason())))
                            .thenReturn(next);
                })
                .as(tx::transactional);
    }

    private Mono<Void> exists(UUID supplier, UUID customer) {
        return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> 1)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer)))
                .then();
    }

    /** The audit entry keeps only the numbers' last digits: the log is kept for ever, numbers change hands. */
    private static Map<String, Object> auditDetails(ContactPoints c, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", c.version());
        d.put("mobile", c.mobile() == null ? null : c.mobile().tail());
        d.put("landline", c.landline() == null ? null : c.landline().tail());
        d.put("language", c.language().tag());
        d.put("channels", c.channels().stream().map(Channel::code).toList());
        d.put("needs", c.needs().stream().map(Need::code).toList());
        d.put("nominee", c.nominee() == null ? null : c.nominee().phone().tail());
        d.put("reason", reason);
        return d;
    }
}
