package uk.lifeline.backend.console;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
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

    private final DatabaseClient db;

    MeterContext(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/console/meters/{meterId}")
    Mono<View> context(@AuthenticationPrincipal Jwt jwt, @PathVariable String meterId) {
        if (!EUI64.matcher(meterId).matches()) {
            return Mono.error(new ApiException(ProblemType.NOT_FOUND, "no such meter"));
        }
        return db.sql("""
                        SELECT d.eui64, d.device_type, sp.fuel, sp.mpxn, d.wan_state, a.id AS customer_id,
                          a.account_number, a.name, p.address, p.postcode,
                          EXISTS (SELECT 1 FROM device x WHERE x.supplier_id = d.supplier_id
                                  AND x.premises_id = d.premises_id AND x.device_type = 'PPMID') AS has_ppmid
                        FROM device d
                        JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
                        JOIN customer_account a ON a.supplier_id = p.supplier_id AND a.id = p.customer_account_id
                        JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
                        WHERE d.supplier_id = :s AND d.eui64 = :m AND d.device_type IN ('ESME', 'GSME')
                        """)
                .bind("s", Caller.of(jwt).supplierId())
                .bind("m", meterId)
                .map(r -> new View(
                        r.get("eui64", String.class),
                        r.get("device_type", String.class),
                        r.get("fuel", String.class),
                        r.get("mpxn", String.class),
                        r.get("wan_state", String.class),
                        r.get("customer_id", UUID.class),
                        r.get("account_number", String.class),
                        r.get("name", String.class),
                        r.get("address", String.class),
                        r.get("postcode", String.class),
                        Boolean.TRUE.equals(r.get("has_ppmid", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.NOT_FOUND, "no meter " + meterId)));
    }
}
