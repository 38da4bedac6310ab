package uk.lifeline.backend.issuing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.delivery.CodeMessages;
import uk.lifeline.backend.delivery.Outbox;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.issuing.ApprovalPolicy.Decision;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.meter.MeterKeys;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.model.MeterModelService;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.MeterCommand;

/**
 * Issues codes. One transaction per code takes the meter's next counter (locking its counter row until
 * commit), checks the limits, encodes, and writes the code, the idempotency record and the audit entry; the
 * answer goes out only after the commit. A retried request with the same Idempotency-Key gets the stored
 * answer. Thread-safe.
 */
@Service
public class IssuingService {

    /** The answer to an issue request: 201 or 202 and the code, or the stored answer to a retry. */
    public record Outcome(HttpStatus status, CodeView code, boolean replayed) {}

    private final Suppliers suppliers;
    private final Meters meters;
    private final MeterKeys meterKeys;
    private final Counters counters;
    private final CodeLedger ledger;
    private final Idempotency idempotency;
    private final ApprovalPolicy policy;
    private final Envelopes envelopes;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final IssuingProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final MeterModelService models;
    private final Outbox outbox;

    public IssuingService(Suppliers suppliers, Meters meters, MeterKeys meterKeys, Counters counters,
            CodeLedger ledger, Idempotency idempotency, ApprovalPolicy policy, Envelopes envelopes, AuditLog audit,
            TransactionalOperator tx, IssuingProperties properties, ObjectMapper json, MeterRegistry metrics,
            Clock clock, MeterModelService models, Outbox outbox) {
        this.suppliers = suppliers;
        this.meters = meters;
        this.meterKeys = meterKeys;
        this.counters = counters;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.policy = policy;
        this.envelopes = envelopes;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.models = models;
        this.outbox = outbox;
    }

    public Mono<Outcome> issue(Caller caller, String meterId, String idempotencyKey, IssueRequest request) {
        return Mono.defer(() -> {
            String key = IdempotencyKeys.require(idempotencyKey);
            MeterCommand command = CommandRequests.parse(request);
            byte[] hash = idempotency.hash(meterId.toUpperCase(Locale.ROOT), request);
            return idempotency.find(caller.supplierId(), caller.userId(), key)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(stored -> stored.isPresent() ? replay(stored.get(), hash)
                            : fresh(caller, meterId, key, hash, request, command)
                                    .onErrorResume(DataIntegrityViolationException.class,
                                            raced -> idempotency.find(caller.supplierId(), caller.userId(), key)
                                                    .flatMap(row -> replay(row, hash))
                                                    .switchIfEmpty(Mono.error(raced))));
        });
    }

    private Mono<Outcome> replay(Idempotency.Row stored, byte[] hash) {
        if (!Arrays.equals(stored.requestHash(), hash)) {
            return Mono.error(new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key "
                    + stored.key() + " was already used for a different request; use a new key for a new code"));
        }
        try {
            CodeView view = json.readValue(stored.responseBody(), CodeView.class);
            return Mono.just(new Outcome(HttpStatus.valueOf(stored.httpStatus()), view, true));
        } catch (JsonProcessingException e) {
            return Mono.error(new IllegalStateException("a stored response is unreadable", e));
        }
    }

    private Mono<Outcome> fresh(Caller caller, String meterId, String key, byte[] hash, IssueRequest request,
            MeterCommand command) {
        return Mono.zip(suppliers.byId(caller.supplierId()), meters.find(caller.supplierId(), meterId))
                .flatMap(found -> {
                    Supplier supplier = found.getT1();
                    Meter meter = found.getT2();
                    if (!meter.type().isMeter()) {
                        return Mono.error(new ApiException(ProblemType.NOT_A_METER, "device " + meter.eui64()
                                + " is a " + meter.type() + "; codes are issued for the ESME or GSME"));
                    }
                    CodeKey codeKey = meterKeys.forMeter(supplier, meter);
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    Mono<Outcome> work = counters.take(supplier.id(), meter.id(), properties.counterWindow())
                            .switchIfEmpty(Mono.defer(() -> windowExhausted(meter)))
                            // A code the meter's modelled state says it would refuse is not issued: the
                            // transaction rolls back, counter and all (docs/backend-api.md).
                            .flatMap(taken -> models.check(meter.eui64().toString(), command, now,
                                            taken.modelState(), taken.modelSource())
                                    .then(todayTotal(caller, meter, command, now))
                                    .flatMap(today -> record(caller, supplier, meter, key, hash, request, command,
                                            codeKey, taken.counter(), today, now)));
                    return tx.transactional(work);
                })
                .doOnNext(outcome -> metrics.counter("lifeline.codes.issued", "command", outcome.code().command(),
                        "status", outcome.code().status().name()).increment());
    }

    private Mono<Outcome> record(Caller caller, Supplier supplier, Meter meter, String key, byte[] hash,
            IssueRequest request, MeterCommand command, CodeKey codeKey, long counter, long today, Instant now) {
        Decision decision = policy.decide(caller.role(), command, today);
        CommandCode code = CodeEncoder.encode(command, counter, codeKey);
        CodeStatus status = decision.needsApproval() ? CodeStatus.PENDING_APPROVAL : CodeStatus.ISSUED;
        CodeRecord made = new CodeRecord(UUID.randomUUID(), supplier.id(), meter.id(), meter.eui64().toString(),
                meter.customerAccountId(), command.type().commandName(), command.parameters(),
                ApprovalPolicy.limitedAmount(command), code.digits(), code.blocks().size(), counter,
                request.reason().trim(), status, decision.needsApproval(), decision.reasons(), caller.userId(), null,
                now, now.plus(properties.expiry()), null, null, null, null, null, now);
        if (status == CodeStatus.ISSUED) {
            made = made.withEnvelope(envelopes.sign(supplier, made));
        }
        CodeView view = CodeView.of(made);
        HttpStatus http = status == CodeStatus.ISSUED ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        String body;
        String entry;
        try {
            body = json.writeValueAsString(view);
            entry = audit.entry(now, caller.userId(), status == CodeStatus.ISSUED ? "code.issued" : "code.requested",
                    "code:" + made.id(), auditDetails(made));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        // The phone's message goes into the outbox in this transaction (delivery, issue 5).
        Mono<Void> announce = status == CodeStatus.ISSUED ? outbox.add(CodeMessages.released(made, now)) : Mono.empty();
        return ledger.insert(made, new Idempotency.Row(key, hash, http.value(), body), entry)
                .then(announce)
                .thenReturn(new Outcome(http, view, false));
    }

    private Mono<Long> todayTotal(Caller caller, Meter meter, MeterCommand command, Instant now) {
        if (!policy.needsDailyTotal(caller.role(), command)) {
            return Mono.just(0L);
        }
        Instant startOfDay = LocalDate.ofInstant(now, properties.zone()).atStartOfDay(properties.zone()).toInstant();
        return ledger.releasedTopUpsSince(meter.supplierId(), meter.id(), startOfDay);
    }

    private <T> Mono<T> windowExhausted(Meter meter) {
        return counters.peek(meter.supplierId(), meter.id()).flatMap(state -> Mono.error(new ApiException(
                ProblemType.COUNTER_WINDOW_EXHAUSTED, "meter " + meter.eui64() + " would be sent counter "
                + state.next() + ", but it can rebuild counters only up to " + properties.counterWindow()
                + " above the highest it is known to have accepted (" + state.highestAccepted() + "); report the"
                + " results of codes the customer has entered, or cancel unused ones and ask for a visit")));
    }

    static Map<String, Object> auditDetails(CodeRecord c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("meter", c.meterId());
        details.put("customer", c.customerAccountId().toString());
        details.put("command", c.command());
        details.put("parameters", c.parameters());
        details.put("counter", c.counter());
        details.put("status", c.status().name());
        details.put("reason", c.reason());
        if (c.needsApproval()) {
            details.put("approvalReasons", c.approvalReasons());
        }
        return details;
    }
}
