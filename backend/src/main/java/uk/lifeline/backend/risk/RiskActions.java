package uk.lifeline.backend.risk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.issuing.IssueRequest;
import uk.lifeline.backend.issuing.IssuingService;
import uk.lifeline.backend.ledger.Ledger;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.psr.PsrService;

/**
 * What agents and customers do about risk: additional support credit (a top-up asked for through the ordinary
 * issuing path, so the approval policy, limits, counter and audit all apply; the contact record names the code and
 * marks it as support credit), a contact and its outcome, and a customer's "I have no supply". Thread-safe.
 */
@Service
public class RiskActions {

    /** The words every support-credit code's reason starts with, so the code ledger shows what it was. */
    public static final String SUPPORT_CREDIT = "additional support credit: ";

    /** What an agent did. Stored by name. */
    enum Action {
        FRIENDLY_CREDIT_OFFERED,
        EMERGENCY_CREDIT_GUIDANCE,
        SUPPORT_CREDIT,
        CALL,
        VOICEMAIL,
        TEXT
    }

    /** How it went. Stored by name. */
    enum Outcome {
        REACHED,
        NOT_REACHED,
        DECLINED,
        SUPPORTED
    }

    private final IssuingService issuing;
    private final Meters meters;
    private final RiskStore store;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    RiskActions(
            IssuingService issuing,
            Meters meters,
            RiskStore store,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock) {
        this.issuing = issuing;
        this.meters = meters;
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Asks for a support-credit top-up; the issuing answer (201 issued, 202 waiting for approval) is returned. */
    public Mono<Ledger.Outcome> supportCredit(
            Caller caller, String meterId, String idempotencyKey, String amount, String reason) {
        String why = PsrService.clean("reason", reason);
        if (why == null) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "reason", "a reason is needed", "text"));
        }
        IssueRequest request = new IssueRequest("top-up", Map.of("amount", amount), SUPPORT_CREDIT + why);
        return meters.find(caller.supplierId(), meterId)
                .flatMap(meter -> issuing.issue(caller, meterId, idempotencyKey, request)
                        .flatMap(outcome -> {
                            Instant at = now();
                            return tx.transactional(store.event(
                                            UUID.randomUUID(),
                                            caller.supplierId(),
                                            meter.customerAccountId(),
                                            meter.id(),
                                            "CONTACT",
                                            Action.SUPPORT_CREDIT.name(),
                                            Outcome.SUPPORTED.name(),
                                            outcome.code().id(),
                                            why,
                                            caller.userId(),
                                            at))
                                    .thenReturn(outcome);
                        }));
    }

    /** Records a contact with the customer of {@code meterId}. */
    public Mono<Void> contact(Caller caller, String meterId, String action, String outcome, String note) {
        Action a = parse(Action.class, "action", action);
        Outcome o = parse(Outcome.class, "outcome", outcome);
        if (a == Action.SUPPORT_CREDIT) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION,
                    "action",
                    "support credit is asked for"
                            + " with POST /api/v1/at-risk/{meterId}/support-credit, which issues the code",
                    "other actions"));
        }
        String text = PsrService.clean("note", note);
        Instant at = now();
        return meters.find(caller.supplierId(), meterId)
                .flatMap(meter -> tx.transactional(store.event(
                                UUID.randomUUID(),
                                caller.supplierId(),
                                meter.customerAccountId(),
                                meter.id(),
                                "CONTACT",
                                a.name(),
                                o.name(),
                                null,
                                text,
                                caller.userId(),
                                at)
                        .then(audit.append(
                                caller.supplierId(),
                                at,
                                caller.userId(),
                                "risk.contact",
                                "customer:" + meter.customerAccountId(),
                                details(meter, a.name(), o.name())))));
    }

    /** A customer's own "I have no supply", for their meter or (meterId null) their home. */
    public Mono<Void> noSupply(Caller caller, String meterId, String note) {
        String text = PsrService.clean("note", note);
        Instant at = now();
        Mono<UUID> device = meterId == null || meterId.isBlank()
                ? Mono.just(new UUID(0, 0))
                : meters.find(caller.supplierId(), meterId)
                        .flatMap(m -> m.customerAccountId().equals(caller.customerAccountId())
                                ? Mono.just(m.id())
                                : Mono.error(ApiException.notFound("meter", meterId)));
        return device.flatMap(d -> {
            UUID id = d.equals(new UUID(0, 0)) ? null : d;
            return tx.transactional(store.event(
                            UUID.randomUUID(),
                            caller.supplierId(),
                            caller.customerAccountId(),
                            id,
                            "NO_SUPPLY_REPORTED",
                            null,
                            null,
                            null,
                            text,
                            null,
                            at)
                    .then(audit.append(
                            caller.supplierId(),
                            at,
                            caller.userId(),
                            "risk.no-supply-reported",
                            "customer:" + caller.customerAccountId(),
                            Map.of("meter", id == null ? "" : meterId))));
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, Object> details(Meter meter, String action, String outcome) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("meter", meter.eui64().toString());
        d.put("action", action);
        d.put("outcome", outcome);
        return d;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            String code = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (code.equals(text)) {
                return e;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append(code);
        }
        throw ApiException.field(ProblemType.VALIDATION, field, "unknown " + field, allowed.toString());
    }
}
