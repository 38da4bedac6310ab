package uk.lifeline.backend.reach.view;

import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who a campaign reached, per channel, and who it has not: read from the campaign's coded meters, their codes,
 * pushes, texts and ladder steps. Read-only. Thread-safe.
 */
@Component
class CampaignReach {

    /** Counts for one channel: messages sent (taken by FCM or the SMSC), delivered, failed. */
    record ChannelCounts(long sent, long delivered, long failed) {}

    /** A campaign's reach. {@code done} only when it completed and every customer was reached or confirmed. */
    record Reach(UUID campaignId, String status, long coded, ChannelCounts app, ChannelCounts sms,
            ChannelCounts voice, long confirmedEntered, long notYetReached, boolean done) {}

    /** A coded customer nobody reached yet, with what was tried. */
    record Unreached(UUID customerId, String accountNumber, String name, UUID codeId, String tried) {}

    private static final String PER_CODE = """
            WITH t AS (
              SELECT t.customer_account_id, k.id AS code_id, k.status,
                EXISTS (SELECT 1 FROM outbox_message m JOIN push_delivery d ON d.message_id = m.id
                        WHERE m.subject_id = k.id AND d.state = 'SENT') AS pushed,
                EXISTS (SELECT 1 FROM outbox_message m JOIN push_delivery d ON d.message_id = m.id
                        WHERE m.subject_id = k.id AND d.state IN ('FAILED', 'EXPIRED', 'RETIRED')) AS push_failed,
                EXISTS (SELECT 1 FROM sms_message s WHERE s.code_id = k.id AND s.direction = 'OUT'
                        AND s.state IN ('SUBMITTED', 'DELIVERED', 'FAILED', 'IN_DOUBT')) AS texted,
                EXISTS (SELECT 1 FROM sms_message s WHERE s.code_id = k.id AND s.direction = 'OUT'
                        AND s.state = 'DELIVERED') AS text_delivered,
                EXISTS (SELECT 1 FROM sms_message s WHERE s.code_id = k.id AND s.direction = 'OUT'
                        AND s.state IN ('FAILED', 'EXPIRED')) AS text_failed
              FROM campaign_target t JOIN code k ON k.id = t.code_id
              WHERE t.campaign_id = :c AND t.supplier_id = :s AND t.state = 'CODED'),
            r AS (
              SELECT *, status IN ('DELIVERED', 'ENTERED', 'ACCEPTED', 'REJECTED') AS app_delivered,
                     status IN ('ENTERED', 'ACCEPTED', 'REJECTED') AS confirmed
              FROM t)
            """;

    private final DatabaseClient db;

    CampaignReach(DatabaseClient db) {
        this.db = db;
    }

    Mono<Reach> reach(UUID supplier, UUID campaign) {
        return db.sql("SELECT status FROM campaign WHERE id = :c AND supplier_id = :s")
                .bind("c", campaign).bind("s", supplier).map(r -> r.get(0, String.class)).one()
                .flatMap(status -> db.sql(PER_CODE + """
                                SELECT count(*) AS coded,
                                  count(*) FILTER (WHERE pushed) AS app_sent,
                                  count(*) FILTER (WHERE app_delivered) AS app_delivered,
                                  count(*) FILTER (WHERE push_failed AND NOT app_delivered) AS app_failed,
                                  count(*) FILTER (WHERE texted) AS sms_sent,
                                  count(*) FILTER (WHERE text_delivered) AS sms_delivered,
                                  count(*) FILTER (WHERE text_failed AND NOT text_delivered) AS sms_failed,
                                  count(*) FILTER (WHERE confirmed) AS confirmed,
                                  count(*) FILTER (WHERE NOT confirmed AND NOT app_delivered AND NOT text_delivered)
                                    AS not_reached
                                FROM r
                                """)
                        .bind("c", campaign).bind("s", supplier)
                        .map(r -> reach(campaign, status, r)).one());
    }

    Flux<Unreached> unreached(UUID supplier, UUID campaign) {
        return db.sql(PER_CODE + """
                        SELECT r.customer_account_id, a.account_number, a.name, r.code_id,
                          coalesce((SELECT string_agg(lower(p.step) || ': ' || coalesce(p.outcome, 'due ' || p.due_at::text),
                                                      '; ' ORDER BY p.due_at)
                                    FROM reach_step p WHERE p.code_id = r.code_id), 'app only so far') AS tried
                        FROM r JOIN customer_account a ON a.supplier_id = :s AND a.id = r.customer_account_id
                        WHERE NOT r.confirmed AND NOT r.app_delivered AND NOT r.text_delivered
                        ORDER BY a.account_number, r.code_id
                        """)
                .bind("c", campaign).bind("s", supplier)
                .map(r -> new Unreached(r.get("customer_account_id", UUID.class), r.get("account_number", String.class),
                        r.get("name", String.class), r.get("code_id", UUID.class), r.get("tried", String.class)))
                .all();
    }

    private static Reach reach(UUID campaign, String status, Readable r) {
        long notReached = n(r, "not_reached");
        return new Reach(campaign, status, n(r, "coded"),
                new ChannelCounts(n(r, "app_sent"), n(r, "app_delivered"), n(r, "app_failed")),
                new ChannelCounts(n(r, "sms_sent"), n(r, "sms_delivered"), n(r, "sms_failed")),
                new ChannelCounts(0, 0, 0), n(r, "confirmed"), notReached,
                "COMPLETED".equals(status) && notReached == 0);
    }

    private static long n(Readable r, String column) {
        Long v = r.get(column, Long.class);
        return v == null ? 0 : v;
    }
}
