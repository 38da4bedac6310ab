package uk.lifeline.backend.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;

/**
 * Where a code's or a notice's messages went: each outbox message about it (a code released or withdrawn; a
 * notice, once per affected customer) and its delivery to each phone, with state, attempts, FCM's last error and
 * message name (the first 10,000). Staff only.
 */
@RestController
class DeliveriesController {

    /** One message to one phone. Immutable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(
            long messageId,
            String kind,
            Instant queuedAt,
            UUID phoneId,
            String platform,
            String phoneName,
            String state,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            String fcmName,
            Instant sentAt,
            String phoneRetiredReason) {}

    /**
     * @param id the code's or notice's id
     * @param messages outbox messages about it (also sent on the customers' live streams)
     */
    record Deliveries(UUID id, long messages, List<Delivery> items) {}

    private final DeliveryStore store;

    DeliveriesController(DeliveryStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/codes/{codeId}/deliveries")
    Mono<Deliveries> forCode(@AuthenticationPrincipal Jwt jwt, @PathVariable String codeId) {
        return forSubject(Caller.of(jwt).supplierId(), "code", codeId);
    }

    /** A notice's messages: one per affected customer, each to every phone they had. */
    @GetMapping("/api/v1/notices/{noticeId}/deliveries")
    Mono<Deliveries> forNotice(@AuthenticationPrincipal Jwt jwt, @PathVariable String noticeId) {
        return forSubject(Caller.of(jwt).supplierId(), "notice", noticeId);
    }

    private Mono<Deliveries> forSubject(UUID supplier, String table, String text) {
        UUID subject;
        try {
            subject = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound(table, text.length() > 40 ? "" : text));
        }
        Mono<Long> messages = store.messageCount(supplier, subject);
        Mono<List<Delivery>> items = store.deliveries(supplier, subject);
        return store.exists(supplier, table, subject)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(table, subject)))
                .then(Mono.zip(messages, items))
                .map(both -> new Deliveries(subject, both.getT1(), both.getT2()));
    }
}
