package uk.lifeline.backend.reach.view;

import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.CallLog;

/**
 * Who a campaign reached, per channel, and who it has not: read from the campaign's coded meters, their codes,
 * pushes, texts and ladder steps, and the calls of the codes whose ladder reached the voice step (through
 * {@link CallLog}, when voice calls are built in). Read-only. Thread-safe.
 */
@Component
class CampaignReach {

    /** Counts for one channel: messages sent (taken by FCM or the SMSC), delivered, failed. */
    record ChannelCounts(long sent, long delivered, long failed) {}

    /**
     * A campaign's reach. {@code done} only when it completed and every customer was reached or confirmed;
     * {@code voice} is absent while this backend has no voice calls.
     */
    record Reach(
            UUID campaignId,
            String status,
            long coded,
            ChannelCounts app,
            ChannelCounts sms,
            ChannelCounts voice,
            long confirmedEntered,
            long notYetReached,
            boolean done) {}

    /** Call states (Twilio's words) in which the customer answered. */
    private static final Set<String> ANSWERED = Set.of("in-progress", "completed");

    private static final Set<String> FAILED = Set.of("busy", "no-answer", "failed", "canceled");

    /** What the calls of one code came to. */
    private record Calls(UUID codeId, boolean otherwiseUnreached, boolean called, boolean answered, boolean failed) {}

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
    private final ObjectProvider<CallLog> calls;

    CampaignReach(DatabaseClient db, ObjectProvider<CallLog> calls) {
        this.db = db;
        this.calls = calls;
    }

    /** The calls of the campaign's codes whose ladder took its voice step (none without voice calls). */
    private Mono<List<Calls>> calls(UUID supplier, UUID campaign) {
        CallLog log = calls.getIfAvailable();
        if (log == null) {
            return Mono.just(List.of());
        }
        return db.sql(PER_CODE + """
                        SELECT code_id, NOT confirmed AND NOT app_delivered AND NOT text_delivered AS otherwise
                        FROM r WHERE EXISTS (SELECT 1 FROM reach_step p WHERE p.code_id = r.code_id
                                             AND p.step = 'VOICE' AND p.state = 'TAKEN')
                        """)
                .bind("c", campaign)
                .bind("s", supplier)
                .map(r -> List.of(r.get("code_id", UUID.class), r.get("otherwise", Boolean.class)))
                .all()
                .flatMap(
                        row -> log.forCode(supplier, (UUID) row.get(0))
                                .filter(c -> "OUT".equals(c.direction()))
                                .map(CallLog.Call::state)
                                .collect(Collectors.toSet())
                                .map(states -> new Calls(
                                        (UUID) row.get(0),
                                        Boolean.TRUE.equals(row.get(1)),
                                        !states.isEmpty(),
                                        states.stream().anyMatch(ANSWERED::contains),
                                        !states.isEmpty() && states.stream().allMatch(FAILED::contains))),
                        8)
                .collectList();
    }

    Mono<Reach> reach(UUID supplier, UUID campaign) {
        return db.sql("SELECT status FROM campaign WHERE id = :c AND supplier_id = :s")
                .bind("c", campaign)
                .bind("s", supplier)
                .map(r -> r.get(0, String.class))
                .one()
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
                        .bind("c", campaign)
                        .bind("s", supplier)
                        .map(r -> reach(campaign, status, r))
                        .one()
                        .zipWith(calls(supplier, campaign), this::withCalls));
    }

    private Reach withCalls(Reach r, List<Calls> made) {
        if (calls.getIfAvailable() == null) {
            return r;
        }
        long answeredOnly = made.stream()
                .filter(c -> c.answered() && c.otherwiseUnreached())
                .count();
        long notReached = r.notYetReached() - answeredOnly;
        return new Reach(
                r.campaignId(),
                r.status(),
                r.coded(),
                r.app(),
                r.sms(),
                new ChannelCounts(
                        made.stream().filter(Calls::called).count(),
                        made.stream().filter(Calls::answered).count(),
                        made.stream().filter(Calls::failed).count()),
                r.confirmedEntered(),
                notReached,
                "COMPLETED".equals(r.status()) && notReached == 0);
    }

    Flux<Unreached> unreached(UUID supplier, UUID campaign) {
        return calls(supplier, campaign).flatMapMany(made -> {
            Set<UUID> answered =
                    made.stream().filter(Calls::answered).map(Calls::codeId).collect(Collectors.toSet());
            return unreachedBeforeCalls(supplier, campaign).filter(u -> !answered.contains(u.codeId()));
        });
    }

    private Flux<Unreached> unreachedBeforeCalls(UUID supplier, UUID campaign) {
        return db.sql(PER_CODE + """
                        SELECT r.customer_account_id, a.account_number, a.name, r.code_id,
                          coalesce((SELECT string_agg(lower(p.step) || ': ' || coalesce(p.outcome, 'due ' || p.due_at::text),
                                                      '; ' ORDER BY p.due_at)
                                    FROM reach_step p WHERE p.code_id = r.code_id), 'app only so far') AS tried
                        FROM r JOIN customer_account a ON a.supplier_id = :s AND a.id = r.customer_account_id
                        WHERE NOT r.confirmed AND NOT r.app_delivered AND NOT r.text_delivered
                        ORDER BY a.account_number, r.code_id
                        """)
                .bind("c", campaign)
                .bind("s", supplier)
                .map(r -> new Unreached(
                        r.get("customer_account_id", UUID.class),
                        r.get("account_number", String.class),
                        r.get("name", String.class),
                        r.get("code_id", UUID.class),
                        r.get("tried", String.class)))
                .all();
    }

    private static Reach reach(UUID campaign, String status, Readable r) {
        long notReached = n(r, "not_reached");
        return new Reach(
                campaign,
                status,
                n(r, "coded"),
                new ChannelCounts(n(r, "app_sent"), n(r, "app_delivered"), n(r, "app_failed")),
                new ChannelCounts(n(r, "sms_sent"), n(r, "sms_delivered"), n(r, "sms_failed")),
                null,
                n(r, "confirmed"),
                notReached,
                "COMPLETED".equals(status) && notReached == 0);
    }

    private static long n(Readable r, String column) {
        Long v = r.get(column, Long.class);
        return v == null ? 0 : v;
    }
}
