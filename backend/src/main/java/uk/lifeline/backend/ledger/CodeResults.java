package uk.lifeline.backend.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.model.MeterModelService;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Records what the PPMID or meter showed after a code was typed (docs/backend-api.md, "Results"). Every report is
 * kept in {@code code_result} with its audit entry; the code's status follows the latest one, except that an
 * acceptance is final. One transaction per report, with the code's row locked. Thread-safe.
 */
@Service
public class CodeResults {

    /**
     * Writes the report, unless it has no key and repeats the latest one for the code (an app retrying without
     * a key); returns its number. A report with a key is always a new one (its replays are found first).
     */
    private static final String RECORD = """
            WITH last AS (
              SELECT seq, outcome, reason FROM code_result WHERE code_id = :code ORDER BY seq DESC LIMIT 1)
            INSERT INTO code_result (supplier_id, code_id, seq, outcome, reason, reported_by, reported_at,
                                     idempotency_key)
            SELECT :supplier, :code, coalesce((SELECT seq FROM last), 0) + 1, :outcome, :reason, :by, :at, :key
            WHERE CAST(:key AS text) IS NOT NULL
               OR NOT EXISTS (SELECT 1 FROM last WHERE outcome = :outcome AND reason IS NOT DISTINCT FROM :reason)
            RETURNING seq
            """;

    /** The report made before under this key, if any. */
    private static final String BY_KEY = """
            SELECT outcome, reason FROM code_result WHERE code_id = :code AND idempotency_key = :key
            """;

    private final CodeStore ledger;
    private final CounterStore counters;
    private final AuditLog audit;
    private final MeterModelService models;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    CodeResults(
            CodeStore ledger,
            CounterStore counters,
            AuditLog audit,
            MeterModelService models,
            DatabaseClient db,
            TransactionalOperator tx,
            Clock clock) {
        this.ledger = ledger;
        this.counters = counters;
        this.audit = audit;
        this.models = models;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Records one report. With an Idempotency-Key ({@code key}, may be null) the same key again answers the code
     * as it is and writes nothing, and the same key with another outcome or reason is refused.
     */
    public Mono<CodeView> report(Caller caller, UUID codeId, CodeStatus outcome, String shown, String key) {
        if (outcome != CodeStatus.ACCEPTED && outcome != CodeStatus.REJECTED) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION, "outcome", "must be ACCEPTED or REJECTED", "ACCEPTED, REJECTED"));
        }
        String reason;
        try {
            reason = outcome == CodeStatus.REJECTED ? ResultReason.parse(shown) : null;
        } catch (ApiException e) {
            return Mono.error(e);
        }
        UUID customer = caller.isCustomer() ? caller.customerAccountId() : null;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tx.transactional(ledger.find(caller.supplierId(), codeId, customer, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("code", codeId)))
                .flatMap(code -> {
                    if (!code.released()) {
                        return Mono.error(new ApiException(
                                ProblemType.WRONG_STATUS,
                                "code " + code.id() + " is "
                                        + code.status() + " and its digits were never released, so it cannot have been"
                                        + " typed in"));
                    }
                    Mono<CodeView> fresh = record(code, outcome, reason, key, caller.userId(), now)
                            .flatMap(seq -> apply(caller, code, outcome, reason, seq, now))
                            .defaultIfEmpty(CodeView.of(code));
                    return key == null
                            ? fresh
                            : replay(code, outcome, reason, key).switchIfEmpty(fresh);
                }));
    }

    private Mono<Integer> record(CodeRecord code, CodeStatus outcome, String reason, String key, UUID by, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(RECORD)
                .bind("supplier", code.supplierId())
                .bind("code", code.id())
                .bind("outcome", outcome.name())
                .bind("by", by)
                .bind("at", at);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        spec = key == null ? spec.bindNull("key", String.class) : spec.bind("key", key);
        return spec.map(row -> row.get("seq", Integer.class)).one();
    }

    /** The code as it is when {@code key} was used before for this report; an error if for another one. */
    private Mono<CodeView> replay(CodeRecord code, CodeStatus outcome, String reason, String key) {
        return db.sql(BY_KEY)
                .bind("code", code.id())
                .bind("key", key)
                .map(row -> outcome.name().equals(row.get("outcome", String.class))
                        && Objects.equals(reason, row.get("reason", String.class)))
                .one()
                .flatMap(same -> same
                        ? Mono.just(CodeView.of(code))
                        : Mono.error(new ApiException(
                                ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "Idempotency-Key " + key + " was sent with another result for code " + code.id())));
    }

    private Mono<CodeView> apply(
            Caller caller, CodeRecord code, CodeStatus outcome, String reason, int seq, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("counter", code.counter());
        if (reason != null) {
            details.put("rejection", reason);
        }
        details.put("report", seq);
        String action = outcome == CodeStatus.ACCEPTED ? "code.accepted" : "code.rejected";
        if (code.status() == CodeStatus.ACCEPTED
                || (code.status() == CodeStatus.CANCELLED && outcome == CodeStatus.REJECTED)) {
            // A meter never gives credit back, so an acceptance stands whatever is reported after it (typing the
            // code again shows duplicate); a cancelled code the meter refused stays cancelled. Kept and audited.
            details.put("status", code.status().name());
            return audit.append(
                            code.supplierId(),
                            now,
                            caller.userId(),
                            action,
                            CodeRecord.auditSubject(code.id()),
                            details)
                    .thenReturn(CodeView.of(code));
        }
        CodeRecord done = code.withResult(outcome, reason, now);
        details.put("status", done.status().name());
        // ACCEPTED moves the counter window up and the meter's modelled state on by the code, in this transaction.
        Mono<Void> accepted = outcome == CodeStatus.ACCEPTED
                ? counters.accepted(code.supplierId(), code.deviceId(), code.counter())
                        .then(models.applyAccepted(
                                code.supplierId(),
                                code.deviceId(),
                                code.id(),
                                code.command(),
                                code.parameters(),
                                caller.userId(),
                                now,
                                CodeRecord.auditSubject(code.id())))
                : Mono.empty();
        return accepted.then(ledger.update(done))
                .then(audit.append(
                        code.supplierId(), now, caller.userId(), action, CodeRecord.auditSubject(code.id()), details))
                .thenReturn(CodeView.of(done));
    }
}
