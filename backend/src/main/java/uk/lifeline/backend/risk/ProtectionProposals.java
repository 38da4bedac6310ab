package uk.lifeline.backend.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.issuing.IssueRequest;
import uk.lifeline.backend.issuing.IssuingService;
import uk.lifeline.backend.ledger.Ledger;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.calendar.MeterTime;

/**
 * The supplier's winter protection policy for PSR customers: from 1 October to 31 March it proposes a
 * friendly-credit slot covering nights and weekends (16:00 to 10:00 every day, and bank holidays) for each
 * consenting PSR customer's no-WAN meter. Nothing is issued until a supervisor other than the proposer approves a
 * proposal; approval then asks for the code through the ordinary issuing path. Writes {@code protection_proposal}
 * only. Thread-safe.
 */
@Service
public class ProtectionProposals {

    static final String COMMAND = "set-friendly-credit-period";
    /** Slot 4, so the supplier's own slots 1 to 3 are left alone. */
    static final Map<String, String> WINTER_SLOT =
            Map.of("slot", "4", "start", "16:00", "end", "10:00", "days", "all", "bank-holidays", "true");

    /** A proposal as supervisors see it. Immutable. */
    public record View(
            UUID id,
            UUID customerId,
            String customerName,
            String meterId,
            String command,
            Map<String, String> parameters,
            String reason,
            String status,
            UUID proposedBy,
            Instant proposedAt,
            UUID decidedBy,
            Instant decidedAt,
            UUID codeId) {}

    private final DatabaseClient db;
    private final IssuingService issuing;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    ProtectionProposals(DatabaseClient db, IssuingService issuing, AuditLog audit, ObjectMapper json, Clock clock) {
        this.db = db;
        this.issuing = issuing;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    static boolean winter(LocalDate day) {
        return day.getMonth().compareTo(Month.OCTOBER) >= 0 || day.getMonth().compareTo(Month.MARCH) <= 0;
    }

    /** Proposes the winter slot for every consenting PSR customer's no-WAN meter not already proposed; returns how many. */
    public Mono<Long> propose(Caller caller) {
        Instant now = now();
        LocalDate today = LocalDate.ofInstant(now, MeterTime.ZONE);
        if (!winter(today)) {
            return Mono.error(new ApiException(
                    ProblemType.OUT_OF_SEASON,
                    "today (" + today + ") is outside the"
                            + " winter policy's season, 1 October to 31 March; nothing was proposed"));
        }
        String parameters;
        try {
            parameters = json.writeValueAsString(WINTER_SLOT);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return db.sql("""
                INSERT INTO protection_proposal (id, supplier_id, customer_account_id, device_id, command, parameters,
                    reason, status, proposed_by, proposed_at)
                SELECT gen_random_uuid(), d.supplier_id, pe.customer_account_id, d.id, :command, :parameters,
                    :reason, 'PROPOSED', :by, :at
                FROM psr_entry pe
                JOIN premises p ON p.supplier_id = pe.supplier_id AND p.customer_account_id = pe.customer_account_id
                JOIN device d ON d.supplier_id = p.supplier_id AND d.premises_id = p.id
                WHERE pe.supplier_id = :s AND pe.consent AND d.device_type IN ('ESME', 'GSME')
                  AND d.wan_state <> 'COMMISSIONED_WAN'
                ON CONFLICT DO NOTHING
                """)
                .bind("s", caller.supplierId())
                .bind("command", COMMAND)
                .bind("parameters", Json.of(parameters))
                .bind(
                        "reason",
                        "winter protection for a Priority Services Register customer: friendly credit"
                                + " 16:00-10:00 every day and on bank holidays, 1 October to 31 March")
                .bind("by", caller.userId())
                .bind("at", now)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> audit.append(
                                caller.supplierId(),
                                now,
                                caller.userId(),
                                "protection.proposed",
                                "protection-policy",
                                Map.of("proposals", n))
                        .thenReturn(n));
    }

    public Mono<List<View>> list(Caller caller, String status) {
        return db.sql("""
                SELECT pp.*, d.eui64, a.name FROM protection_proposal pp
                JOIN device d ON d.supplier_id = pp.supplier_id AND d.id = pp.device_id
                JOIN customer_account a ON a.supplier_id = pp.supplier_id AND a.id = pp.customer_account_id
                WHERE pp.supplier_id = :s AND pp.status = :status
                ORDER BY pp.proposed_at, d.eui64 LIMIT 500
                """)
                .bind("s", caller.supplierId())
                .bind("status", status)
                .map((r, m) -> view(r))
                .all()
                .collectList();
    }

    /**
     * Approves a proposal and asks for its code as the approver. The proposer cannot approve their own (403
     * four-eyes); a proposal already decided is 409 wrong-status.
     */
    public Mono<Ledger.Outcome> approve(Caller caller, String proposalId, String idempotencyKey) {
        UUID id = ApiException.uuidOrNotFound("proposal", proposalId);
        return find(caller, id).flatMap(p -> {
            if (p.proposedBy().equals(caller.userId())) {
                return Mono.error(new ApiException(
                        ProblemType.FOUR_EYES,
                        "you proposed this protection, so another" + " supervisor must approve it"));
            }
            Instant now = now();
            return decide(caller, id, "APPROVED", now)
                    .then(issuing.issue(
                            caller,
                            p.meterId(),
                            idempotencyKey,
                            new IssueRequest(p.command(), p.parameters(), p.reason())))
                    .onErrorResume(e -> undo(caller, id).then(Mono.error(e)))
                    .flatMap(outcome -> db.sql("UPDATE protection_proposal SET code_id = :code WHERE supplier_id = :s"
                                    + " AND id = :id")
                            .bind("code", outcome.code().id())
                            .bind("s", caller.supplierId())
                            .bind("id", id)
                            .fetch()
                            .rowsUpdated()
                            .then(audit.append(
                                    caller.supplierId(),
                                    now,
                                    caller.userId(),
                                    "protection.approved",
                                    "proposal:" + id,
                                    Map.of("code", outcome.code().id().toString())))
                            .thenReturn(outcome));
        });
    }

    public Mono<Void> reject(Caller caller, String proposalId) {
        UUID id = ApiException.uuidOrNotFound("proposal", proposalId);
        return find(caller, id).flatMap(p -> {
            if (p.proposedBy().equals(caller.userId())) {
                return Mono.error(new ApiException(
                        ProblemType.FOUR_EYES,
                        "you proposed this protection, so another" + " supervisor must decide on it"));
            }
            Instant now = now();
            return decide(caller, id, "REJECTED", now)
                    .then(audit.append(
                            caller.supplierId(),
                            now,
                            caller.userId(),
                            "protection.rejected",
                            "proposal:" + id,
                            Map.of()));
        });
    }

    private Mono<View> find(Caller caller, UUID id) {
        return db.sql("""
                SELECT pp.*, d.eui64, a.name FROM protection_proposal pp
                JOIN device d ON d.supplier_id = pp.supplier_id AND d.id = pp.device_id
                JOIN customer_account a ON a.supplier_id = pp.supplier_id AND a.id = pp.customer_account_id
                WHERE pp.supplier_id = :s AND pp.id = :id
                """)
                .bind("s", caller.supplierId())
                .bind("id", id)
                .map((r, m) -> view(r))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("proposal", id)));
    }

    /** Claims the decision: only one of two racing supervisors gets it. */
    private Mono<Void> decide(Caller caller, UUID id, String status, Instant now) {
        return db.sql("UPDATE protection_proposal SET status = :status, decided_by = :by, decided_at = :at"
                        + " WHERE supplier_id = :s AND id = :id AND status = 'PROPOSED'")
                .bind("status", status)
                .bind("by", caller.userId())
                .bind("at", now)
                .bind("s", caller.supplierId())
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new ApiException(
                                ProblemType.WRONG_STATUS, "proposal " + id + " has already been decided")));
    }

    // The code could not be issued (e.g. the meter would refuse it): the proposal goes back to the queue.
    private Mono<Void> undo(Caller caller, UUID id) {
        return db.sql("UPDATE protection_proposal SET status = 'PROPOSED', decided_by = NULL, decided_at = NULL"
                        + " WHERE supplier_id = :s AND id = :id AND code_id IS NULL")
                .bind("s", caller.supplierId())
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @SuppressWarnings("unchecked")
    private View view(io.r2dbc.spi.Row r) {
        Map<String, String> parameters;
        try {
            parameters = json.readValue(r.get("parameters", Json.class).asString(), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new View(
                r.get("id", UUID.class),
                r.get("customer_account_id", UUID.class),
                r.get("name", String.class),
                r.get("eui64", String.class),
                r.get("command", String.class),
                parameters,
                r.get("reason", String.class),
                r.get("status", String.class),
                r.get("proposed_by", UUID.class),
                r.get("proposed_at", Instant.class),
                r.get("decided_by", UUID.class),
                r.get("decided_at", Instant.class),
                r.get("code_id", UUID.class));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
