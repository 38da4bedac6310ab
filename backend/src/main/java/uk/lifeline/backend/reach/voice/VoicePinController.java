package uk.lifeline.backend.reach.voice;

import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * The PIN a customer keys on the inbound line: chosen by the customer in the app, or set by an agent with the
 * customer on the phone. Either replaces the old PIN and lifts a lock; both are audited, never with the PIN.
 */
@RestController
class VoicePinController {

    record PinChange(String pin, String reason) {}

    private record Checked(String pin, String reason) {}

    private final PinSetter pins;

    VoicePinController(PinSetter pins) {
        this.pins = pins;
    }

    @PutMapping("/api/v1/me/voice-pin")
    Mono<ResponseEntity<Void>> mine(@AuthenticationPrincipal Jwt jwt, @RequestBody PinChange change) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
                    Checked c = check(change, false);
                    return pins.set(
                            caller.supplierId(),
                            caller.customerAccountId(),
                            caller.userId(),
                            "CUSTOMER",
                            c.reason(),
                            c.pin());
                })
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PutMapping("/api/v1/customers/{customerId}/voice-pin")
    Mono<ResponseEntity<Void>> agents(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String customerId, @RequestBody PinChange change) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
                    UUID customer = ApiException.uuidOrNotFound("customer", customerId);
                    Checked c = check(change, true);
                    return pins.set(caller.supplierId(), customer, caller.userId(), "AGENT", c.reason(), c.pin());
                })
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** The PIN and the reason, or a 400 that says which field is wrong (never echoing the PIN). */
    private static Checked check(PinChange change, boolean reasonNeeded) {
        String fault = PinHash.fault(change == null ? null : change.pin());
        if (fault != null) {
            throw ApiException.field(ProblemType.VALIDATION, "pin", fault, "4 to 6 digits, not a run or one digit");
        }
        String reason = change.reason() == null ? "" : change.reason().strip();
        if (reasonNeeded && reason.isEmpty() || reason.length() > 500) {
            throw ApiException.field(
                    ProblemType.VALIDATION,
                    "reason",
                    reasonNeeded ? "required, at most 500 characters" : "at most 500 characters",
                    "why the PIN was set");
        }
        return new Checked(change.pin(), reasonNeeded ? reason : "chosen in the app");
    }
}
