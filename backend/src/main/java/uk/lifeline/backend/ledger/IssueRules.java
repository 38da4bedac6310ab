package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.ledger.ApprovalPolicy.Decision;
import uk.lifeline.backend.ledger.IssueIntent.Request;
import uk.lifeline.backend.ledger.Ledger.Outcome;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.MeterCommand;

/**
 * The rules a code is born under, shared by a request alone ({@link SingleIssue}) and a batch
 * ({@link BatchWriter}): how a code is made from its counter and decision, its answer, its audit entry, the day
 * the limits count and the counter window's refusal. Stateless.
 */
final class IssueRules {

    private IssueRules() {}

    /** The stored answer to a retried request, or idempotency-key-reused if the request differs. */
    static Outcome replayed(Idempotency.Row stored, byte[] hash, ObjectMapper json) throws JsonProcessingException {
        if (!Arrays.equals(stored.requestHash(), hash)) {
            throw new ApiException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + stored.key()
                            + " was already used for a different request; use a new key for a new code");
        }
        return new Outcome(
                HttpStatus.valueOf(stored.httpStatus()), json.readValue(stored.responseBody(), CodeView.class), true);
    }

    /** A new code with the counter it was given, before its envelope is signed. */
    static CodeRecord newCode(
            Request r, UUID id, long counter, Decision decision, IssuingProperties properties, Instant now) {
        MeterCommand command = r.command();
        Meter meter = r.meter();
        CommandCode code = CodeEncoder.encode(command, counter, r.codeKey());
        CodeStatus status = decision.needsApproval() ? CodeStatus.PENDING_APPROVAL : CodeStatus.ISSUED;
        return new CodeRecord(
                id,
                r.supplier().id(),
                meter.id(),
                meter.eui64().toString(),
                meter.customerAccountId(),
                command.type().commandName(),
                command.parameters(),
                ApprovalPolicy.limitedAmount(command),
                code.blocks(),
                counter,
                r.reason().trim(),
                status,
                decision.needsApproval(),
                decision.reasons(),
                r.caller().userId(),
                null,
                now,
                now.plus(properties.expiry()),
                null,
                null,
                null,
                null,
                null,
                now);
    }

    static HttpStatus httpStatus(CodeRecord made) {
        return made.status() == CodeStatus.ISSUED ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
    }

    static String auditEntry(AuditLog audit, CodeRecord made) throws JsonProcessingException {
        return audit.entry(
                made.issuedAt(),
                made.issuedBy(),
                made.status() == CodeStatus.ISSUED ? "code.issued" : "code.requested",
                CodeRecord.auditSubject(made.id()),
                auditDetails(made));
    }

    /** The start of the calendar day the per-day limits count. */
    static Instant startOfDay(Instant now, IssuingProperties properties) {
        return LocalDate.ofInstant(now, properties.zone())
                .atStartOfDay(properties.zone())
                .toInstant();
    }

    static ApiException windowExhausted(Meter meter, long next, long highestAccepted, int window) {
        return new ApiException(
                ProblemType.COUNTER_WINDOW_EXHAUSTED,
                "meter " + meter.eui64()
                        + " would be sent counter " + next + ", but it can rebuild counters only up to " + window
                        + " above the highest it is known to have accepted (" + highestAccepted + "); report the"
                        + " results of codes the customer has entered, or cancel unused ones and ask for a visit");
    }

    private static Map<String, Object> auditDetails(CodeRecord c) {
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
