package uk.lifeline.backend.notice;

import java.time.Clock;
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
 * Notices as customers pull them ({@code GET /api/v1/me/notices}: those in force or still to come, each with the
 * envelope signed for the customer's account) and as OPS reads one back. Notices are made by
 * {@code POST /api/v1/notices}, which starts their campaign (package campaign).
 */
@RestController
class NoticesController {

    /** A notice for the customer; the app trusts only {@code envelope}. Immutable. */
    record MyNotice(UUID id, String title, String message, Instant startsAt, Instant endsAt, String envelope) {}

    record MyNotices(List<MyNotice> items) {}

    /** A notice as OPS made it, with its campaign. Immutable. */
    record NoticeView(
            UUID id,
            String title,
            String message,
            String reason,
            String area,
            Instant startsAt,
            Instant endsAt,
            UUID createdBy,
            Instant createdAt,
            UUID campaignId) {}

    private final NoticeStore store;
    private final Clock clock;

    NoticesController(NoticeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GetMapping("/api/v1/me/notices")
    Mono<MyNotices> mine(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return store.mine(caller.supplierId(), caller.customerAccountId(), clock.instant())
                .map(MyNotices::new);
    }

    @GetMapping("/api/v1/notices/{id}")
    Mono<NoticeView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID notice;
        try {
            notice = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("notice", id.length() > 40 ? id.substring(0, 40) : id));
        }
        return store.get(Caller.of(jwt).supplierId(), notice)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("notice", notice)));
    }
}
