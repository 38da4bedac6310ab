package uk.lifeline.backend.reach.voice;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.FieldProblem;
import uk.lifeline.backend.problem.ProblemType;

/**
 * The PIN a customer keys on the inbound line: chosen by the customer in the app, or set by an agent with the
 * customer on the phone. Either replaces the old PIN and lifts a lock; both are audited, never with the PIN.
 */
@RestController
class VoicePinController {

    record PinChange(String pin, String reason) {}

    private final VoicePins pins;
    private final AuditLog audit;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    VoicePinController(VoicePins pins, AuditLog audit, DatabaseClient db, TransactionalOperator tx, Clock clock) {
        this.pins = pins;
        this.audit = audit;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    @PutMapping("/api/v1/me/voice-pin")
    Mono<ResponseEntity<Void>> mine(@AuthenticationPrincipal Jwt jwt, @RequestBody PinChange change) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> set(caller.supplierId(), caller.customerAccountId(), caller.userId(), "CUSTOMER",
                check(change, false)));
    }

    @PutMapping("/api/v1/customers/{customerId}/voice-pin")
    Mono<ResponseEntity<Void>> agents(@AuthenticationPrincipal Jwt jwt, @PathVariable String customerId,
            @RequestBody PinChange change) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
            UUID customer = ApiException.uuidOrNotFound("customer", customerId);
            Checked checked = check(change, true);
            return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                    .bind("s", caller.supplierId()).bind("c", customer).map(r -> 1).one()
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer)))
                    .then(set(caller.supplierId(), customer, caller.userId(), "AGENT", checked));
        });
    }

    private Mono<ResponseEntity<Void>> set(UUID supplier, UUID customer, UUID actor, String by, Checked c) {
        String reason = c.reason();
        String pin = c.pin();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", by);
        details.put("reason", reason);
        return pins.set(supplier, customer, pin, by, now)
                .then(audit.append(supplier, now, actor, "voice-pin.set", "customer:" + customer, details))
                .as(tx::transactional).thenReturn(ResponseEntity.noContent().build());
    }

    private record Checked(String pin, String reason) {}

    /** The PIN and the reason, or a 400 that says which field is wrong (never echoing the PIN). */
    private static Checked check(PinChange change, boolean reasonNeeded) {
        String fault = PinHash.fault(change == null ? null : change.pin());
        if (fault != null) {
            throw ApiException.field(ProblemType.VALIDATION, "pin", fault, "4 to 6 digits, not a run or one digit");
        }
        String reason = change.reason() == null ? "" : change.reason().strip();
        if (reasonNeeded && (reason.isEmpty() || reason.length() > 500)) {
            throw ApiException.field(ProblemType.VALIDATION, "reason", "required, at most 500 characters",
                    "why the PIN was set");
        }
        if (reason.length() > 500) {
            throw ApiException.field(ProblemType.VALIDATION, "reason", "at most 500 characters", "");
        }
        return new Checked(change.pin(), reasonNeeded ? reason : "chosen in the app");
    }
}
