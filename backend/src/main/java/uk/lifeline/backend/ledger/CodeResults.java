package uk.lifeline.backend.ledger;

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

    /** Writes the report unless it repeats the latest one for the code (an app retrying); returns its number. */
    private static final String RECORD = """
            WITH last AS (
              SELECT seq, outcome, reason FROM code_result WHERE code_id = :code ORDER BY seq DESC LIMIT 1)
            INSERT INTO code_result (supplier_id, code_id, seq, outcome, reason, reported_by, reported_at)
            SELECT :supplier, :code, coalesce((SELECT seq FROM last), 0) + 1, :outcome, :reason, :by, :at
            WHERE NOT EXISTS (SELECT 1 FROM last WHERE outcome = :outcome AND reason IS NOT DISTINCT FROM :reason)
            RETURNING seq
            """;

    private final CodeStore ledger;
    private final CounterStore counters;
    private final AuditLog audit;
    private final MeterModelService models;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    CodeResults(CodeStore ledger, CounterStore counters, AuditLog audit, MeterModelService models, DatabaseClient db,
            TransactionalOperator tx, Clock clock) {
        this.ledger = ledger;
        this.counters = counters;
        this.audit = audit;
        this.models = models;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<CodeView> report(Caller caller, UUID codeId, CodeStatus outcome, String shown) {
        if (outcome != CodeStatus.ACCEPTED && outcome != CodeStatus.REJECTED) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "outcome", "must be ACCEPTED or REJECTED",
                    "ACCEPTED, REJECTED"));
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
                        return Mono.error(new ApiException(ProblemType.WRONG_STATUS, "code " + code.id() + " is "
                                + code.status() + " and its digits were never released, so it cannot have been"
                                + " typed in"));
                    }
                    return record(code, outcome, reason, caller.userId(), now)
                            .flatMap(seq -> apply(caller, code, outcome, reason, seq, now))
                            .defaultIfEmpty(CodeView.of(code));
                }));
    }

    private Mono<Integer> record(CodeRecord code, CodeStatus outcome, String reason, UUID by, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(RECORD).bind("supplier", code.supplierId())
                .bind("code", code.id()).bind("outcome", outcome.name()).bind("by", by).bind("at", at);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.map(row -> row.get("seq", Integer.class)).one();
    }

    private Mono<CodeView> apply(Caller caller, CodeRecord code, CodeStatus outcome, String reason, int seq,
            Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("counter", code.counter());
        if (reason != null) {
            details.put("rejection", reason);
        }
        details.put("report", seq);
        String action = outcome == CodeStatus.ACCEPTED ? "code.accepted" : "code.rejected";
        if (code.status() == CodeStatus.ACCEPTED || (code.status() == CodeStatus.CANCELLED
                && outcome == CodeStatus.REJECTED)) {
            // A meter never gives credit back, so an acceptance stands whatever is reported after it (typing the
            // code again shows duplicate); a cancelled code the meter refused stays cancelled. Kept and audited.
            details.put("status", code.status().name());
            return audit.append(code.supplierId(), now, caller.userId(), action, "code:" + code.id(), details)
                    .thenReturn(CodeView.of(code));
        }
        CodeRecord done = code.withResult(outcome, reason, now);
        details.put("status", done.status().name());
        // ACCEPTED moves the counter window up and the meter's modelled state on by the code, in this transaction.
        Mono<Void> accepted = outcome == CodeStatus.ACCEPTED
                ? counters.accepted(code.supplierId(), code.deviceId(), code.counter())
                        .then(models.applyAccepted(code.supplierId(), code.deviceId(), code.id(), code.command(),
                                code.parameters(), caller.userId(), now, "code:" + code.id()))
                : Mono.empty();
        return accepted.then(ledger.update(done))
                .then(audit.append(code.supplierId(), now, caller.userId(), action, "code:" + code.id(), details))
                .thenReturn(CodeView.of(done));
    }
}
