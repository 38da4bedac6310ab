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
import uk.lifeline.backend.issuing.IssueBatch.Request;
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
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.MeterCommand;

/**
 * Issues codes. A transaction takes the meter's next counter (locking its counter row until commit), checks the
 * limits, encodes, and writes the code, the idempotency record, the audit entry and the outbox message; the
 * answer goes out only after the commit. Concurrent requests share one such transaction ({@link IssueBatcher},
 * {@link BatchWriter}); {@link #single} is the same for one request alone. A retried request with the same
 * Idempotency-Key gets the stored answer. Thread-safe.
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
    private final IssueBatcher batcher;

    public IssuingService(Suppliers suppliers, Meters meters, MeterKeys meterKeys, Counters counters,
            CodeLedger ledger, Idempotency idempotency, ApprovalPolicy policy, Envelopes envelopes, AuditLog audit,
            TransactionalOperator tx, IssuingProperties properties, ObjectMapper json, MeterRegistry metrics,
            Clock clock, MeterModelService models, Outbox outbox, BatchWriter writer) {
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
        this.batcher = properties.batchSize() > 1 ? new IssueBatcher(properties.batchSize(), tx, writer, this::single,
                metrics) : null;
    }

    public Mono<Outcome> issue(Caller caller, String meterId, String idempotencyKey, IssueRequest request) {
        return Mono.defer(() -> {
            String key = IdempotencyKeys.require(idempotencyKey);
            MeterCommand command = CommandRequests.parse(request);
            byte[] hash = idempotency.hash(meterId.toUpperCase(Locale.ROOT), request);
            return Mono.zip(suppliers.byId(caller.supplierId()), meters.find(caller.supplierId(), meterId))
                    .flatMap(found -> {
                        Supplier supplier = found.getT1();
                        Meter meter = found.getT2();
                        if (!meter.type().isMeter()) {
                            return Mono.error(new ApiException(ProblemType.NOT_A_METER, "device " + meter.eui64()
                                    + " is a " + meter.type() + "; codes are issued for the ESME or GSME"));
                        }
                        Request made = new Request(caller, supplier, meter, meterKeys.forMeter(supplier, meter), key,
                                hash, request, command);
                        return batcher == null ? single(made) : batcher.submit(made);
                    });
        }).doOnNext(outcome -> metrics.counter("lifeline.codes.issued", "command", outcome.code().command(),
                "status", outcome.code().status().name()).increment());
    }

    /** One request in a transaction of its own (batching off, or a batch that failed being retried). */
    Mono<Outcome> single(Request r) {
        return idempotency.find(r.supplier().id(), r.caller().userId(), r.key())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> stored.isPresent() ? replay(stored.get(), r.hash())
                        : fresh(r).onErrorResume(DataIntegrityViolationException.class,
                                raced -> idempotency.find(r.supplier().id(), r.caller().userId(), r.key())
                                        .flatMap(row -> replay(row, r.hash()))
                                        .switchIfEmpty(Mono.error(raced))));
    }

    private Mono<Outcome> replay(Idempotency.Row stored, byte[] hash) {
        return Mono.fromCallable(() -> replayed(stored, hash, json));
    }

    /** The stored answer to a retried request, or idempotency-key-reused if the request differs. */
    static Outcome replayed(Idempotency.Row stored, byte[] hash, ObjectMapper json) throws JsonProcessingException {
        if (!Arrays.equals(stored.requestHash(), hash)) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key " + stored.key()
                    + " was already used for a different request; use a new key for a new code");
        }
        return new Outcome(HttpStatus.valueOf(stored.httpStatus()), json.readValue(stored.responseBody(),
                CodeView.class), true);
    }

    private Mono<Outcome> fresh(Request r) {
        Meter meter = r.meter();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Mono<Outcome> work = counters.take(r.supplier().id(), meter.id(), properties.counterWindow())
                .switchIfEmpty(Mono.defer(() -> windowExhausted(meter)))
                // A code the meter's modelled state says it would refuse is not issued: the
                // transaction rolls back, counter and all (docs/backend-api.md).
                .flatMap(taken -> models.check(meter.eui64().toString(), r.command(), now, taken.modelState(),
                                taken.modelSource())
                        .then(todayTotal(r.caller(), meter, r.command(), now))
                        .flatMap(today -> record(r, taken.counter(), today, now)));
        return tx.transactional(work);
    }

    private Mono<Outcome> record(Request r, long counter, long today, Instant now) {
        CodeRecord made = newCode(r, UUID.randomUUID(), counter, policy.decide(r.caller().role(), r.command(), today), properties, now);
        if (made.status() == CodeStatus.ISSUED) {
            made = made.withEnvelope(envelopes.sign(r.supplier(), made));
        }
        CodeView view = CodeView.of(made);
        HttpStatus http = httpStatus(made);
        String body;
        String entry;
        try {
            body = json.writeValueAsString(view);
            entry = auditEntry(audit, made);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        // The phone's message goes into the outbox in this transaction (delivery, issue 5).
        Mono<Void> announce = made.status() == CodeStatus.ISSUED ? outbox.add(CodeMessages.released(made, now))
                : Mono.empty();
        return ledger.insert(made, new Idempotency.Row(r.key(), r.hash(), http.value(), body), entry)
                .then(announce)
                .thenReturn(new Outcome(http, view, false));
    }

    /** A new code with the counter it was given, before its envelope is signed. */
    static CodeRecord newCode(Request r, UUID id, long counter, Decision decision, IssuingProperties properties,
            Instant now) {
        MeterCommand command = r.command();
        Meter meter = r.meter();
        CommandCode code = CodeEncoder.encode(command, counter, r.codeKey());
        CodeStatus status = decision.needsApproval() ? CodeStatus.PENDING_APPROVAL : CodeStatus.ISSUED;
        return new CodeRecord(id, r.supplier().id(), meter.id(), meter.eui64().toString(),
                meter.customerAccountId(), command.type().commandName(), command.parameters(),
                ApprovalPolicy.limitedAmount(command), code.digits(), code.blocks().size(), counter,
                r.body().reason().trim(), status, decision.needsApproval(), decision.reasons(), r.caller().userId(),
                null, now, now.plus(properties.expiry()), null, null, null, null, null, now);
    }

    static HttpStatus httpStatus(CodeRecord made) {
        return made.status() == CodeStatus.ISSUED ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
    }

    static String auditEntry(AuditLog audit, CodeRecord made) throws JsonProcessingException {
        return audit.entry(made.issuedAt(), made.issuedBy(),
                made.status() == CodeStatus.ISSUED ? "code.issued" : "code.requested", "code:" + made.id(),
                auditDetails(made));
    }

    private Mono<Long> todayTotal(Caller caller, Meter meter, MeterCommand command, Instant now) {
        if (!policy.needsDailyTotal(caller.role(), command)) {
            return Mono.just(0L);
        }
        return ledger.releasedTopUpsSince(meter.supplierId(), meter.id(), startOfDay(now, properties));
    }

    /** The start of the calendar day the per-day limits count. */
    static Instant startOfDay(Instant now, IssuingProperties properties) {
        return LocalDate.ofInstant(now, properties.zone()).atStartOfDay(properties.zone()).toInstant();
    }

    private <T> Mono<T> windowExhausted(Meter meter) {
        return counters.peek(meter.supplierId(), meter.id()).flatMap(state -> Mono.error(
                windowExhausted(meter, state.next(), state.highestAccepted(), properties.counterWindow())));
    }

    static ApiException windowExhausted(Meter meter, long next, long highestAccepted, int window) {
        return new ApiException(ProblemType.COUNTER_WINDOW_EXHAUSTED, "meter " + meter.eui64()
                + " would be sent counter " + next + ", but it can rebuild counters only up to " + window
                + " above the highest it is known to have accepted (" + highestAccepted + "); report the"
                + " results of codes the customer has entered, or cancel unused ones and ask for a visit");
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
