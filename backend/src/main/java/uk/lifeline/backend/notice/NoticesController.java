package uk.lifeline.backend.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    record NoticeView(UUID id, String title, String message, String reason, String area, Instant startsAt,
            Instant endsAt, UUID createdBy, Instant createdAt, UUID campaignId) {}

    private final DatabaseClient db;
    private final Clock clock;

    NoticesController(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @GetMapping("/api/v1/me/notices")
    Mono<MyNotices> mine(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return db.sql("""
                        SELECT n.id, n.title, n.message, n.starts_at, n.ends_at, cn.envelope
                        FROM customer_notice cn JOIN notice n ON n.id = cn.notice_id AND n.supplier_id = cn.supplier_id
                        WHERE cn.supplier_id = :s AND cn.customer_account_id = :c AND cn.ends_at > :now
                        ORDER BY n.ends_at DESC LIMIT 50
                        """)
                .bind("s", caller.supplierId()).bind("c", caller.customerAccountId()).bind("now", clock.instant())
                .map(row -> new MyNotice(row.get("id", UUID.class), row.get("title", String.class),
                        row.get("message", String.class), row.get("starts_at", Instant.class),
                        row.get("ends_at", Instant.class), row.get("envelope", String.class)))
                .all().collectList().map(MyNotices::new);
    }

    @GetMapping("/api/v1/notices/{id}")
    Mono<NoticeView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        UUID notice;
        try {
            notice = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("notice", id.length() > 40 ? id.substring(0, 40) : id));
        }
        return db.sql("""
                        SELECT n.*, n.area::text AS area_text, c.id AS campaign_id FROM notice n
                        LEFT JOIN campaign c ON c.notice_id = n.id AND c.supplier_id = n.supplier_id
                        WHERE n.supplier_id = :s AND n.id = :id
                        """)
                .bind("s", Caller.of(jwt).supplierId()).bind("id", notice)
                .map(row -> new NoticeView(row.get("id", UUID.class), row.get("title", String.class),
                        row.get("message", String.class), row.get("reason", String.class),
                        row.get("area_text", String.class), row.get("starts_at", Instant.class),
                        row.get("ends_at", Instant.class), row.get("created_by", UUID.class),
                        row.get("created_at", Instant.class), row.get("campaign_id", UUID.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("notice", notice)));
    }
}
