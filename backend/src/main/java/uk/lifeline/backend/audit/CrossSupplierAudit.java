package uk.lifeline.backend.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Audits what two suppliers share (an install-code request, a released or revealed install code, a change of
 * supplier): the same entry goes into each supplier's chain, so each holds a complete record of its side without
 * reading the other's. Joins the caller's transaction, like {@link AuditLog}. Thread-safe.
 */
@Component
public class CrossSupplierAudit {

    private final AuditLog audit;

    public CrossSupplierAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** Appends to the actor's supplier's chain, then to the other supplier's when it is another one. */
    public Mono<Void> append(
            UUID actorSupplier,
            UUID otherSupplier,
            Instant at,
            UUID actor,
            String action,
            String subject,
            Map<String, ?> details) {
        Mono<Void> own = audit.append(actorSupplier, at, actor, action, subject, details);
        return otherSupplier == null || otherSupplier.equals(actorSupplier)
                ? own
                : own.then(audit.append(otherSupplier, at, actor, action, subject, details));
    }
}
