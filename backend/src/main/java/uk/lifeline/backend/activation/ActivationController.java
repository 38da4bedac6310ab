package uk.lifeline.backend.activation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.auth.Role;
import uk.lifeline.backend.auth.TokenService;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.problem.Problems;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.code.GbcsCheckDigit;

/**
 * Linking the app to a customer's account: an agent makes a one-time activation code for the customer
 * ({@code POST /api/v1/customers/{id}/activation-codes}); the app exchanges it, once, for a long session
 * ({@code POST /api/v1/activations}, docs/backend-api.md "Delivery to phones"). Attempts are rate-limited.
 */
@RestController
class ActivationController {

    record Activation(
            @NotBlank @Size(max = 40) String activationCode,
            @Size(max = 100) String deviceName,
            @Pattern(regexp = "android|ios|web") String platform) {
        @Override
        public String toString() {
            return "Activation[" + deviceName + "]";
        }
    }

    record SupplierView(String code, String name, String phone) {}

    record Session(String accessToken, String tokenType, long expiresIn, UUID customerId, SupplierView supplier) {}

    record NewCode(String activationCode, UUID customerId, Instant expiresAt) {}

    private final ActivationCodes codes;
    private final AttemptLimiter limiter;
    private final ActivationProperties properties;
    private final TokenService tokens;
    private final Suppliers suppliers;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    ActivationController(
            ActivationCodes codes,
            AttemptLimiter limiter,
            ActivationProperties properties,
            TokenService tokens,
            Suppliers suppliers,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock) {
        this.codes = codes;
        this.limiter = limiter;
        this.properties = properties;
        this.tokens = tokens;
        this.suppliers = suppliers;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @PostMapping("/api/v1/customers/{customerId}/activation-codes")
    Mono<ResponseEntity<NewCode>> create(@AuthenticationPrincipal Jwt jwt, @PathVariable String customerId) {
        Caller caller = Caller.of(jwt);
        UUID customer;
        try {
            customer = UUID.fromString(customerId);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("customer", customerId.length() > 40 ? "" : customerId));
        }
        Instant now = now();
        Instant expires = now.plus(properties.codeTtl());
        String digits = ActivationCodes.newDigits();
        UUID id = UUID.randomUUID();
        return tx.transactional(codes.create(id, caller.supplierId(), customer, digits, caller.userId(), now, expires)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer)))
                        .then(audit.append(
                                caller.supplierId(),
                                now,
                                caller.userId(),
                                "activation-code.created",
                                "customer:" + customer,
                                Map.of("activationCode", id.toString(), "expiresAt", expires.toString()))))
                .thenReturn(ResponseEntity.status(HttpStatus.CREATED)
                        .body(new NewCode(ActivationCodes.grouped(digits), customer, expires)));
    }

    @PostMapping("/api/v1/activations")
    Mono<ResponseEntity<?>> activate(@Valid @RequestBody Activation request, ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        if (!limiter.mayTry(address)) {
            return Mono.just(tooMany(exchange, "too many failed activation attempts from this address"));
        }
        String digits = request.activationCode().replaceAll("[\\s-]", "");
        if (!digits.matches("[0-9]{12}") || !GbcsCheckDigit.isValid(digits)) {
            limiter.failed(address);
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION, "activationCode", "12 digits whose last is the check digit", "12 digits"));
        }
        String deviceName = request.deviceName() == null || request.deviceName().isBlank()
                ? "phone"
                : request.deviceName().trim();
        String platform = request.platform() == null ? "android" : request.platform();
        UUID app = UUID.randomUUID();
        Instant now = now();
        return tx.transactional(codes.redeem(digits, app, now).flatMap(who -> codes.install(
                                app, who, deviceName, platform, now, now.plus(properties.sessionTtl()))
                        .then(audit.append(
                                who.supplierId(),
                                now,
                                app,
                                "app.activated",
                                "customer:" + who.customerId(),
                                Map.of("app", app.toString(), "deviceName", deviceName, "platform", platform)))
                        .thenReturn(who)))
                .switchIfEmpty(Mono.defer(() -> {
                    limiter.failed(address);
                    return codes.staleOwner(digits)
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .flatMap(owner -> {
                                if (owner.isPresent() && !limiter.mayTryStale(owner.get())) {
                                    return Mono.error(new TooMany());
                                }
                                owner.ifPresent(limiter::failedFor);
                                return Mono.error(new ApiException(
                                        ProblemType.NOT_FOUND,
                                        "no such activation"
                                                + " code: it may be mistyped, used already or expired; ask your supplier"
                                                + " for a new one"));
                            });
                }))
                .flatMap(who -> suppliers
                        .byId(who.supplierId())
                        .<ResponseEntity<?>>map(supplier -> ResponseEntity.ok(new Session(
                                tokens.issue(
                                        app,
                                        who.supplierId(),
                                        Role.CUSTOMER,
                                        who.customerId(),
                                        "app:" + deviceName,
                                        properties.sessionTtl()),
                                "Bearer",
                                properties.sessionTtl().toSeconds(),
                                who.customerId(),
                                new SupplierView(
                                        supplier.code(), supplier.name(), properties.supportPhone(supplier.code()))))))
                .onErrorResume(
                        TooMany.class,
                        e -> Mono.just(tooMany(
                                exchange,
                                "this customer's used or expired" + " activation codes have been tried too often")));
    }

    /** A customer's stale codes tried too often: answered 429 like an address over its limit. */
    private static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }

    private ResponseEntity<?> tooMany(ServerWebExchange exchange, String why) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(limiter.secondsLeft()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        ProblemType.TOO_MANY_ATTEMPTS,
                        why + "; try again later",
                        exchange.getRequest().getPath().value(),
                        List.of()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
