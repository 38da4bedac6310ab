package uk.lifeline.backend.console;

import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Whose meter a code is for, as the read-out names it so an agent never reads a code into the wrong meter: the
 * customer, the premises, the fuel, the meter's id (the console shows its last digits as printed on it), its
 * MPAN or MPRN, and whether the premises has a prepayment display (PPMID) the customer could type on instead.
 * Another supplier's meter is not found.
 */
@RestController
class MeterContext {

    /** Immutable. {@code fuel} is ELECTRICITY or GAS. */
    record View(
            String meterId,
            String deviceType,
            String fuel,
            String mpxn,
            String wanState,
            UUID customerId,
            String accountNumber,
            String customerName,
            String address,
            String postcode,
            boolean hasPpmid) {}

    private static final java.util.regex.Pattern EUI64 = java.util.regex.Pattern.compile("[0-9A-F]{16}");

    private final ConsoleStore store;

    MeterContext(ConsoleStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/console/meters/{meterId}")
    Mono<View> context(@AuthenticationPrincipal Jwt jwt, @PathVariable String meterId) {
        if (!EUI64.matcher(meterId).matches()) {
            return Mono.error(new ApiException(ProblemType.NOT_FOUND, "no such meter"));
        }
        return store.meter(Caller.of(jwt).supplierId(), meterId)
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.NOT_FOUND, "no meter " + meterId)));
    }
}
