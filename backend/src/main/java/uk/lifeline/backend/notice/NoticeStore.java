package uk.lifeline.backend.notice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Notices as they are read back: a customer's in force or to come, and one as OPS made it. Thread-safe. */
@Component
class NoticeStore {

    private final DatabaseClient db;

    NoticeStore(DatabaseClient db) {
        this.db = db;
    }

    /** The customer's notices that have not ended, latest ending first (at most 50). */
    Mono<List<NoticesController.MyNotice>> mine(UUID supplier, UUID customer, Instant now) {
        return db.sql("""
                        SELECT n.id, n.title, n.message, n.starts_at, n.ends_at, cn.envelope
                        FROM customer_notice cn JOIN notice n ON n.id = cn.notice_id AND n.supplier_id = cn.supplier_id
                        WHERE cn.supplier_id = :s AND cn.customer_account_id = :c AND cn.ends_at > :now
                        ORDER BY n.ends_at DESC LIMIT 50
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("now", now)
                .map(row -> new NoticesController.MyNotice(
                        row.get("id", UUID.class),
                        row.get("title", String.class),
                        row.get("message", String.class),
                        row.get("starts_at", Instant.class),
                        row.get("ends_at", Instant.class),
                        row.get("envelope", String.class)))
                .all()
                .collectList();
    }

    /** The supplier's notice with its campaign; empty when it has none with that id. */
    Mono<NoticesController.NoticeView> get(UUID supplier, UUID notice) {
        return db.sql("""
                        SELECT n.*, n.area::text AS area_text, c.id AS campaign_id FROM notice n
                        LEFT JOIN campaign c ON c.notice_id = n.id AND c.supplier_id = n.supplier_id
                        WHERE n.supplier_id = :s AND n.id = :id
                        """)
                .bind("s", supplier)
                .bind("id", notice)
                .map(row -> new NoticesController.NoticeView(
                        row.get("id", UUID.class),
                        row.get("title", String.class),
                        row.get("message", String.class),
                        row.get("reason", String.class),
                        row.get("area_text", String.class),
                        row.get("starts_at", Instant.class),
                        row.get("ends_at", Instant.class),
                        row.get("created_by", UUID.class),
                        row.get("created_at", Instant.class),
                        row.get("campaign_id", UUID.class)))
                .one();
    }
}
