package uk.lifeline.backend.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.delivery.CodeReceipts;
import uk.lifeline.backend.delivery.Outbox;
import uk.lifeline.backend.ledger.IssueIntent.CampaignCode;
import uk.lifeline.backend.ledger.IssueIntent.Request;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.command.MeterCommand;

/**
 * The code ledger: the one place where codes are born ({@link #issue}) and where their life-cycle transitions
 * that other features start are applied (delivery, supersession at a change of supplier). Approval, refusal and
 * cancellation are {@link CodeActions}, results {@link CodeResults}, expiry {@link ExpirySweeper}, blocks
 * {@link CodeBlocks}; all in this package, which alone writes {@code code}, {@code code_counter},
 * {@code code_result}, {@code meter_secret} and issuing's {@code idempotency_record} (docs/architecture.md).
 * Thread-safe.
 */
@Service
public class Ledger implements CodeReceipts {

    /** The answer to an issue request: 201 or 202 and the code, or the stored answer to a retry. */
    public record Outcome(HttpStatus status, CodeView code, boolean replayed) {}

    /**
     * What the ledger made of one intent: for a request its answer, for a campaign meter its code; or why it made
     * none ({@code refused}: for a request the problem to answer with). Immutable.
     */
    public record Issued(IssueIntent intent, CodeRecord code, Outcome answer, Throwable refused) {

        static Issued made(IssueIntent intent, CodeRecord code) {
            return new Issued(intent, code, null, null);
        }

        static Issued refused(IssueIntent intent, String why) {
            return new Issued(intent, null, null, new IllegalStateException(why));
        }
    }

    private final MeterKeys meterKeys;
    private final SingleIssue single;
    private final IssueBatcher batcher;
    private final CampaignCodes campaigns;
    private final MeterSecrets secrets;
    private final CodeStore codes;
    private final AuditLog audit;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    Ledger(
            MeterKeys meterKeys,
            SingleIssue single,
            BatchWriter writer,
            CampaignCodes campaigns,
            MeterSecrets secrets,
            CodeStore codes,
            AuditLog audit,
            Outbox outbox,
            IssuingProperties properties,
            TransactionalOperator tx,
            MeterRegistry metrics,
            Clock clock) {
        this.meterKeys = meterKeys;
        this.single = single;
        this.campaigns = campaigns;
        this.secrets = secrets;
        this.codes = codes;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.batcher = properties.batchSize() > 1
                ? new IssueBatcher(
                        properties.batchSize(), properties.batchesInFlight(), tx, writer, single::issue, metrics)
                : null;
    }

    /** An API request for a code, with the meter's key from the one key source ({@link MeterKeys}). */
    public Request request(
            Caller caller,
            Supplier supplier,
            Meter meter,
            String idempotencyKey,
            byte[] hash,
            String reason,
            MeterCommand command) {
        return new Request(
                caller, supplier, meter, meterKeys.forMeter(supplier, meter), idempotencyKey, hash, reason, command);
    }

    /**
     * Makes codes, one result per intent in their order. Requests share a transaction with the other requests of
     * their supplier that are waiting (group commit: {@link IssueBatcher}, {@link BatchWriter}) and are answered
     * after it commits; campaign meters (all of one supplier and command) join the caller's transaction.
     */
    public Mono<List<Issued>> issue(List<? extends IssueIntent> intents) {
        List<Request> requests = new ArrayList<>();
        List<CampaignCode> campaignCodes = new ArrayList<>();
        for (IssueIntent intent : intents) {
            if (intent instanceof Request r) {
                requests.add(r);
            } else {
                campaignCodes.add((CampaignCode) intent);
            }
        }
        Mono<List<Issued>> answered = Flux.fromIterable(requests)
                .flatMapSequential(r -> (batcher == null ? single.issue(r) : batcher.submit(r))
                        .map(outcome -> new Issued(r, null, outcome, null))
                        .onErrorResume(e -> Mono.just(new Issued(r, null, null, e))))
                .collectList();
        Mono<List<Issued>> coded = campaignCodes.isEmpty()
                ? Mono.just(List.of())
                : campaigns.issue(campaignCodes.get(0).supplier(), campaignCodes, now());
        return answered.zipWith(coded, (a, c) -> {
            Map<IssueIntent, Issued> byIntent = new IdentityHashMap<>();
            a.forEach(i -> byIntent.put(i.intent(), i));
            c.forEach(i -> byIntent.put(i.intent(), i));
            return intents.stream().map(i -> byIntent.get((IssueIntent) i)).toList();
        });
    }

    /**
     * Derives and keeps the shared secrets of up to {@code limit} meters of each supplier that lack one, so a
     * campaign unwraps rather than agrees; completes with how many.
     */
    public Mono<Integer> primeKeys(int limit, Duration rest) {
        return secrets.prime(limit, rest);
    }

    /** Transition ISSUED -> DELIVERED when the app has the code; audited, once, in the same transaction. */
    @Override
    public Mono<Void> delivered(UUID supplier, UUID codeId, String channel, long messageId) {
        Instant now = now();
        return tx.transactional(codes.markDelivered(supplier, codeId, now)
                .flatMap(n -> n == 0
                        ? Mono.<Void>empty()
                        : audit.append(
                                supplier,
                                now,
                                null,
                                "code.delivered",
                                CodeRecord.auditSubject(codeId),
                                Map.of("channel", channel, "message", messageId))));
    }

    /**
     * Transition ISSUED or DELIVERED -> ENTERED when the customer confirms on another channel (a text reply, a
     * key on a call); audited, once, in the same transaction. Completes with whether this call made the change.
     */
    public Mono<Boolean> entered(UUID supplier, UUID codeId, String channel, Instant at) {
        return tx.transactional(codes.markEntered(supplier, codeId, at)
                .flatMap(n -> n == 0
                        ? Mono.just(false)
                        : audit.append(
                                        supplier,
                                        at,
                                        null,
                                        "code.entered",
                                        CodeRecord.auditSubject(codeId),
                                        Map.of("channel", channel))
                                .thenReturn(true)));
    }

    /**
     * Transition to CANCELLED for every outstanding code of the supplier's meters at the premises (the supply
     * moved to another supplier), each audited and withdrawn from the customer's app; completes with their ids.
     */
    public Mono<List<UUID>> supersedeAtPremises(
            UUID supplier, UUID premises, String reason, UUID switchId, Instant now) {
        return codes.cancelAtPremises(supplier, premises, reason, now)
                .concatMap(c -> audit.append(
                                supplier,
                                now,
                                null,
                                "code.cancelled",
                                CodeRecord.auditSubject(c.id()),
                                Map.of("reason", reason, "switch", switchId.toString()))
                        .then(outbox.add(CodeMessages.status(c)))
                        .thenReturn(c.id()))
                .collectList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
