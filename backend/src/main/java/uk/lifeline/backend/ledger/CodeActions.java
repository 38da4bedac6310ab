package uk.lifeline.backend.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.delivery.Outbox;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.tenant.Suppliers;

/**
 * What happens to a code after it is made: approval or refusal by a second supervisor, cancellation, and the
 * result the PPMID showed. Each is one transaction that locks the code's row, checks its status, writes the
 * change and its audit entry. Results are {@link CodeResults}. Thread-safe.
 */
@Service
public class CodeActions {

    private final CodeStore ledger;
    private final Suppliers suppliers;
    private final Envelopes envelopes;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Outbox outbox;

    public CodeActions(
            CodeStore ledger,
            Suppliers suppliers,
            Envelopes envelopes,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock,
            Outbox outbox) {
        this.ledger = ledger;
        this.suppliers = suppliers;
        this.envelopes = envelopes;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.outbox = outbox;
    }

    public Mono<CodeView> approve(Caller caller, UUID codeId) {
        return locked(caller, codeId, code -> {
            Instant now = now();
            secondPerson(caller, code, "approve");
            if (!now.isBefore(code.expiresAt())) {
                throw wrongStatus(code, "it expired at " + code.expiresAt() + " before it was approved");
            }
            return suppliers.byId(code.supplierId()).flatMap(supplier -> {
                CodeRecord approved = code.approved(caller.userId(), now, null);
                CodeRecord signed = approved.withEnvelope(envelopes.sign(supplier, approved));
                return write(caller, signed, "code.approved", Map.of("counter", signed.counter()))
                        .flatMap(view ->
                                outbox.add(CodeMessages.released(signed, now)).thenReturn(view));
            });
        });
    }

    public Mono<CodeView> refuse(Caller caller, UUID codeId, String why) {
        return locked(caller, codeId, code -> {
            secondPerson(caller, code, "refuse");
            return write(caller, code.cancelled("refused: " + why, now()), "code.refused", Map.of("reason", why));
        });
    }

    public Mono<CodeView> cancel(Caller caller, UUID codeId, String why) {
        return locked(caller, codeId, code -> {
            if (!CodeStatus.OUTSTANDING.contains(code.status())) {
                throw wrongStatus(code, "only ISSUED, PENDING_APPROVAL or DELIVERED codes can be cancelled");
            }
            CodeRecord cancelled = code.cancelled(why, now());
            return write(caller, cancelled, "code.cancelled", Map.of("reason", why))
                    .flatMap(view -> outbox.add(CodeMessages.status(cancelled)).thenReturn(view));
        });
    }

    private Mono<CodeView> locked(
            Caller caller, UUID codeId, java.util.function.Function<CodeRecord, Mono<CodeView>> change) {
        UUID customer = caller.isCustomer() ? caller.customerAccountId() : null;
        return tx.transactional(ledger.find(caller.supplierId(), codeId, customer, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("code", codeId)))
                .flatMap(change));
    }

    private Mono<CodeView> write(Caller caller, CodeRecord changed, String action, Map<String, ?> details) {
        return ledger.update(changed)
                .then(
                        changed.status() == CodeStatus.CANCELLED
                                ? ledger.cancelledBy(changed.supplierId(), changed.id(), caller.userId())
                                : Mono.empty())
                .then(audit.append(
                        changed.supplierId(),
                        changed.updatedAt(),
                        caller.userId(),
                        action,
                        CodeRecord.auditSubject(changed.id()),
                        details))
                .thenReturn(CodeView.of(changed));
    }

    private static void secondPerson(Caller caller, CodeRecord code, String verb) {
        if (code.status() != CodeStatus.PENDING_APPROVAL) {
            throw wrongStatus(code, "only PENDING_APPROVAL codes can be approved or refused");
        }
        if (code.issuedBy().equals(caller.userId())) {
            throw new ApiException(
                    ProblemType.FOUR_EYES,
                    "you asked for this code, so another supervisor must " + verb + " it (you may cancel it)");
        }
    }

    private static ApiException wrongStatus(CodeRecord code, String rule) {
        return new ApiException(ProblemType.WRONG_STATUS, "code " + code.id() + " is " + code.status() + "; " + rule);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
