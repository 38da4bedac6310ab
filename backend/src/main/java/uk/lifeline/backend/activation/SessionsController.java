package uk.lifeline.backend.activation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.delivery.SessionEnds;
import uk.lifeline.backend.problem.ApiException;

/**
 * The app sessions of a customer (docs/backend-api.md "App sessions"): the customer lists theirs and unlinks a
 * phone from the app; an agent lists a customer's and revokes one when a phone is lost. A revoked session's token
 * is refused from that moment, its phone's push token is retired and its live streams end. Every revocation is
 * audited.
 */
@RestController
class SessionsController {

    record Sessions(List<AppSessions.Session> items) {}

    record Revoke(@Size(max = 500) String reason) {}

    private final AppSessions sessions;
    private final SessionEnds ends;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    SessionsController(AppSessions sessions, SessionEnds ends, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.sessions = sessions;
        this.ends = ends;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @GetMapping("/api/v1/me/sessions")
    Mono<Sessions> mine(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return sessions.live(caller.supplierId(), caller.customerAccountId(), caller.userId(), now())
                .collectList()
                .map(Sessions::new);
    }

    /** Unlinks this phone: its own session ends (204); a sign-in that is not an app session is 404. */
    @DeleteMapping("/api/v1/me/sessions/current")
    Mono<ResponseEntity<Void>> unlinkThisPhone(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return revoke(caller, caller.customerAccountId(), caller.userId(), "unlinked from the app", "current");
    }

    @DeleteMapping("/api/v1/me/sessions/{sessionId}")
    Mono<ResponseEntity<Void>> unlinkAPhone(@AuthenticationPrincipal Jwt jwt, @PathVariable String sessionId) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> revoke(
                caller,
                caller.customerAccountId(),
                ApiException.uuidOrNotFound("app session", sessionId),
                "removed by the customer",
                sessionId));
    }

    @GetMapping("/api/v1/customers/{customerId}/app-sessions")
    Mono<Sessions> customers(@AuthenticationPrincipal Jwt jwt, @PathVariable String customerId) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
            UUID customer = ApiException.uuidOrNotFound("customer", customerId);
            return sessions.customerExists(caller.supplierId(), customer)
                    .flatMap(exists -> exists
                            ? sessions.live(caller.supplierId(), customer, null, now())
                                    .collectList()
                                    .map(Sessions::new)
                            : Mono.error(ApiException.notFound("customer", customer)));
        });
    }

    @PostMapping("/api/v1/customers/{customerId}/app-sessions/{sessionId}/revoke")
    Mono<ResponseEntity<Void>> revokeForCustomer(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String customerId,
            @PathVariable String sessionId,
            @Valid @RequestBody(required = false) Revoke body) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> {
            UUID customer = ApiException.uuidOrNotFound("customer", customerId);
            UUID session = ApiException.uuidOrNotFound("app session", sessionId);
            String reason =
                    body == null || body.reason() == null || body.reason().isBlank()
                            ? "revoked by an agent"
                            : body.reason().strip();
            return revoke(caller, customer, session, reason, sessionId);
        });
    }

    private Mono<ResponseEntity<Void>> revoke(Caller caller, UUID customer, UUID session, String reason, String asked) {
        Instant now = now();
        return tx.transactional(sessions.revoke(caller.supplierId(), customer, session, caller.userId(), reason, now)
                        .flatMap(done -> done
                                ? ends.retirePhone(caller.supplierId(), customer, session, now)
                                        .then(audit.append(
                                                caller.supplierId(),
                                                now,
                                                caller.userId(),
                                                "app-session.revoked",
                                                "customer:" + customer,
                                                Map.of(
                                                        "session",
                                                        session.toString(),
                                                        "reason",
                                                        reason,
                                                        "by",
                                                        caller.role().name())))
                                        .thenReturn(true)
                                : Mono.error(ApiException.notFound("app session", asked))))
                .doOnSuccess(done -> ends.endStreams(caller.supplierId(), customer, session))
                .thenReturn(ResponseEntity.noContent().<Void>build());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
