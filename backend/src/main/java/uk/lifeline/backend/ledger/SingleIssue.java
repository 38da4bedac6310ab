package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.delivery.Outbox;
import uk.lifeline.backend.ledger.IssueIntent.Request;
import uk.lifeline.backend.ledger.Ledger.Outcome;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.model.MeterModelService;

/**
 * One issue request in a transaction of its own (batching off, or a batch that failed being retried): takes the
 * meter's next counter (locking its counter row until commit), checks the model and the limits, encodes, signs,
 * and writes the code, the idempotency record, the audit entry and the outbox message. The same rules as
 * {@link BatchWriter}, from {@link IssueRules}. Thread-safe.
 */
@Component
class SingleIssue {

    private final CounterStore counters;
    private final CodeStore codes;
    private final Idempotency idempotency;
    private final ApprovalPolicy policy;
    private final Envelopes envelopes;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final IssuingProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterModelService models;
    private final Outbox outbox;

    SingleIssue(
            CounterStore counters,
            CodeStore codes,
            Idempotency idempotency,
            ApprovalPolicy policy,
            Envelopes envelopes,
            AuditLog audit,
            TransactionalOperator tx,
            IssuingProperties properties,
            ObjectMapper json,
            Clock clock,
            MeterModelService models,
            Outbox outbox) {
        this.counters = counters;
        this.codes = codes;
        this.idempotency = idempotency;
        this.policy = policy;
        this.envelopes = envelopes;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.models = models;
        this.outbox = outbox;
    }

    Mono<Outcome> issue(Request r) {
        return idempotency
                .find(r.supplier().id(), r.caller().userId(), r.key())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> stored.isPresent()
                        ? replay(stored.get(), r.hash())
                        : fresh(r).onErrorResume(DataIntegrityViolationException.class, raced -> idempotency
                                .find(r.supplier().id(), r.caller().userId(), r.key())
                                .flatMap(row -> replay(row, r.hash()))
                                .switchIfEmpty(Mono.error(raced))));
    }

    private Mono<Outcome> replay(Idempotency.Row stored, byte[] hash) {
        return Mono.fromCallable(() -> IssueRules.replayed(stored, hash, json));
    }

    private Mono<Outcome> fresh(Request r) {
        Meter meter = r.meter();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Mono<Outcome> work = counters.take(r.supplier().id(), meter.id(), properties.counterWindow())
                .switchIfEmpty(Mono.defer(() -> windowExhausted(meter)))
                // A code the meter's modelled state says it would refuse is not issued: the
                // transaction rolls back, counter and all (docs/backend-api.md).
                .flatMap(taken -> models.check(
                                meter.eui64().toString(), r.command(), now, taken.modelState(), taken.modelSource())
                        .then(todayTotal(r, now))
                        .flatMap(today -> record(r, taken.counter(), today, now)));
        return tx.transactional(work);
    }

    private Mono<Outcome> record(Request r, long counter, long today, Instant now) {
        CodeRecord made = IssueRules.newCode(
                r, CodeIds.next(), counter, policy.decide(r.caller().role(), r.command(), today), properties, now);
        if (made.status() == CodeStatus.ISSUED) {
            made = made.withEnvelope(envelopes.sign(r.supplier(), made));
        }
        CodeView view = CodeView.of(made);
        HttpStatus http = IssueRules.httpStatus(made);
        String body;
        String entry;
        try {
            body = json.writeValueAsString(view);
            entry = IssueRules.auditEntry(audit, made);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        // The phone's message goes into the outbox in this transaction (delivery, issue 5).
        Mono<Void> announce =
                made.status() == CodeStatus.ISSUED ? outbox.add(CodeMessages.released(made, now)) : Mono.empty();
        return codes.insert(made, new Idempotency.Row(r.key(), r.hash(), http.value(), body), entry)
                .then(announce)
                .thenReturn(new Outcome(http, view, false));
    }

    private Mono<Long> todayTotal(Request r, Instant now) {
        if (!policy.needsDailyTotal(r.caller().role(), r.command())) {
            return Mono.just(0L);
        }
        return codes.releasedTopUpsSince(
                r.meter().supplierId(), r.meter().id(), IssueRules.startOfDay(now, properties));
    }

    private <T> Mono<T> windowExhausted(Meter meter) {
        return counters.peek(meter.supplierId(), meter.id())
                .flatMap(state -> Mono.error(IssueRules.windowExhausted(
                        meter, state.next(), state.highestAccepted(), properties.counterWindow())));
    }
}
