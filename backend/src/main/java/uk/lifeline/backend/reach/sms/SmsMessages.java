package uk.lifeline.backend.reach.sms;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.contact.PhoneNumber;

/**
 * The one store of {@code sms_message}: texts queued, claimed, submitted, receipted, and texts received.
 * Thread-safe.
 */
@Component
public class SmsMessages {

    /** A text queued for a customer, as a sender claims it. */
    public record Outgoing(
            long id,
            UUID supplierId,
            UUID customerId,
            String phone,
            String body,
            String encoding,
            int attempts,
            Instant expiresAt) {}

    /** What a queued text is about: a code (and its campaign), or a reply to the customer. */
    public record Queued(
            UUID supplierId,
            UUID customerId,
            PhoneNumber to,
            String kind,
            UUID codeId,
            UUID campaignId,
            SmsBody body,
            Instant expiresAt) {}

    private final DatabaseClient db;

    public SmsMessages(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A text as the customer's phone and the staff see it: sent (OUT) or received (IN), its state and when it
     * last moved.
     */
    public record Text(
            long id,
            UUID customerId,
            String direction,
            String phone,
            String kind,
            UUID codeId,
            String body,
            String encoding,
            String state,
            String lastError,
            Instant at) {}

    private static final String TEXT_COLUMNS =
            "id, customer_account_id, direction, phone, kind, code_id, body, encoding,"
                    + " state, last_error, coalesce(done_at, submitted_at, created_at) AS at";

    /** The texts that carried one code (and replies about it are not tied to a code), oldest first. */
    public Flux<Text> forCode(UUID supplier, UUID code) {
        return db.sql("SELECT " + TEXT_COLUMNS
                        + " FROM sms_message WHERE supplier_id = :s AND code_id = :c ORDER BY id")
                .bind("s", supplier)
                .bind("c", code)
                .map(SmsMessages::text)
                .all();
    }

    /** A customer's texts both ways, newest first. */
    public Flux<Text> forCustomer(UUID supplier, UUID customer, int limit) {
        return db.sql("SELECT " + TEXT_COLUMNS + " FROM sms_message WHERE supplier_id = :s AND customer_account_id = :c"
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("s", supplier)
                .bind("c", customer)
                .bind("limit", limit)
                .map(SmsMessages::text)
                .all();
    }

    private static Text text(Readable r) {
        return new Text(
                r.get("id", Long.class),
                r.get("customer_account_id", UUID.class),
                r.get("direction", String.class),
                r.get("phone", String.class),
                r.get("kind", String.class),
                r.get("code_id", UUID.class),
                r.get("body", String.class),
                r.get("encoding", String.class),
                r.get("state", String.class),
                r.get("last_error", String.class),
                r.get("at", Instant.class));
    }

    /** Queues one text (in the caller's transaction). */
    public Mono<Long> queue(Queued q, Instant now) {
        var spec = db.sql("""
                        INSERT INTO sms_message (supplier_id, customer_account_id, direction, phone, kind, code_id,
                            campaign_id, body, encoding, state, next_attempt_at, expires_at, created_at)
                        VALUES (:s, :c, 'OUT', :phone, :kind, :code, :campaign, :body, :enc, 'PENDING', :now, :exp, :now)
                        RETURNING id
                        """)
                .bind("s", q.supplierId())
                .bind("c", q.customerId())
                .bind("phone", q.to().e164())
                .bind("kind", q.kind())
                .bind("body", q.body().text())
                .bind("enc", q.body().encoding().name())
                .bind("now", now)
                .bind("exp", q.expiresAt());
        spec = q.codeId() == null ? spec.bindNull("code", UUID.class) : spec.bind("code", q.codeId());
        spec = q.campaignId() == null ? spec.bindNull("campaign", UUID.class) : spec.bind("campaign", q.campaignId());
        return spec.map(r -> r.get(0, Long.class)).one();
    }

    /** Records a text a customer sent us (from a known customer's number, or not). */
    public Mono<Long> received(UUID supplierId, UUID customerId, PhoneNumber from, String body, Instant now) {
        var spec = db.sql("""
                        INSERT INTO sms_message (supplier_id, customer_account_id, direction, phone, kind, body, state,
                            next_attempt_at, done_at, expires_at, created_at)
                        VALUES (:s, :c, 'IN', :phone, 'reply', :body, 'RECEIVED', :now, :now, :now, :now)
                        RETURNING id
                        """)
                .bind("s", supplierId)
                .bind("phone", from.e164())
                .bind("body", body)
                .bind("now", now);
        spec = customerId == null ? spec.bindNull("c", UUID.class) : spec.bind("c", customerId);
        return spec.map(r -> r.get(0, Long.class)).one();
    }

    /**
     * Claims up to {@code limit} due texts for this sender: marks them SUBMITTING with a lease. The caller commits
     * this before submitting anything, so no other sender takes them.
     */
    // The due rows are picked once (a materialised CTE): as a subquery joined to the update, the planner may run
    // the LIMIT ... SKIP LOCKED again per row and claim more than the limit.
    Flux<Outgoing> claim(int limit, Duration lease, Instant now) {
        return db.sql("""
                        WITH due AS MATERIALIZED (
                          SELECT id FROM sms_message WHERE state = 'PENDING' AND next_attempt_at <= :now
                          ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE sms_message m SET state = 'SUBMITTING', lease_until = :lease, attempts = attempts + 1
                        FROM due WHERE m.id = due.id
                        RETURNING m.id, m.supplier_id, m.customer_account_id, m.phone, m.body, m.encoding,
                                  m.attempts, m.expires_at
                        """)
                .bind("lease", now.plus(lease))
                .bind("now", now)
                .bind("limit", limit)
                .map(SmsMessages::outgoing)
                .all();
    }

    Mono<Void> submitted(long id, String smscId, Instant now) {
        return db.sql("UPDATE sms_message SET state = 'SUBMITTED', smsc_id = :smsc, submitted_at = :now,"
                        + " lease_until = NULL, last_error = NULL WHERE id = :id AND state = 'SUBMITTING'")
                .bind("id", id)
                .bind("smsc", smscId)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Not taken this time (throttled, queue full, no link): due again later, unless it expires first. */
    Mono<Void> retryLater(long id, String error, Instant at) {
        return db.sql("""
                        UPDATE sms_message SET state = CASE WHEN :at >= expires_at THEN 'EXPIRED' ELSE 'PENDING' END,
                            next_attempt_at = :at, lease_until = NULL, last_error = :err,
                            done_at = CASE WHEN :at >= expires_at THEN :at END
                        WHERE id = :id AND state = 'SUBMITTING'
                        """)
                .bind("id", id)
                .bind("err", error)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Void> failed(long id, String error, Instant now) {
        return db.sql("UPDATE sms_message SET state = 'FAILED', last_error = :err, done_at = :now, lease_until = NULL"
                        + " WHERE id = :id AND state = 'SUBMITTING'")
                .bind("id", id)
                .bind("err", error)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** A delivery receipt: DELIVERED or FAILED, matched by the SMSC's message id. True if a text moved. */
    Mono<Boolean> receipt(String smscId, boolean delivered, String error, Instant now) {
        return db.sql("UPDATE sms_message SET state = :state, last_error = :err, done_at = :now"
                        + " WHERE smsc_id = :smsc AND state IN ('SUBMITTED', 'SUBMITTING', 'IN_DOUBT')")
                .bind("smsc", smscId)
                .bind("state", delivered ? "DELIVERED" : "FAILED")
                .bind("err", error == null ? "" : error)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** A submit the SMSC never answered: it may have been taken. A receipt or {@link #resendInDoubt} settles it. */
    Mono<Void> unanswered(long id, String error, Instant now) {
        return db.sql("UPDATE sms_message SET state = 'IN_DOUBT', last_error = :err, submitted_at = :now,"
                        + " lease_until = NULL WHERE id = :id AND state = 'SUBMITTING'")
                .bind("id", id)
                .bind("err", error)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * A receipt whose message id matches no text: it may be for a submit whose answer was lost. The oldest text
     * in doubt to that number that starts with the receipt's text takes it (with the SMSC's id).
     */
    Mono<Boolean> receiptInDoubt(
            String smscId, String to, String textStart, boolean delivered, String error, Instant now) {
        return db.sql("""
                        UPDATE sms_message SET state = :state, smsc_id = :smsc, last_error = :err, done_at = :now
                        WHERE id = (SELECT id FROM sms_message WHERE state = 'IN_DOUBT' AND direction = 'OUT'
                                      AND phone = :to AND starts_with(body, :start)
                                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        """)
                .bind("smsc", smscId)
                .bind("to", to)
                .bind("start", textStart == null ? "" : textStart)
                .bind("state", delivered ? "DELIVERED" : "FAILED")
                .bind("err", error == null ? "" : error)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /**
     * Texts in doubt for longer than {@code wait} with no receipt: the SMSC most likely never took them, so they
     * are sent again (a receipt that comes later still settles the first).
     */
    Mono<Long> resendInDoubt(Duration wait, Instant now) {
        return db.sql("UPDATE sms_message SET state = 'PENDING', next_attempt_at = :now"
                        + " WHERE state = 'IN_DOUBT' AND direction = 'OUT' AND submitted_at < :before"
                        + " AND expires_at > :now")
                .bind("now", now)
                .bind("before", now.minus(wait))
                .fetch()
                .rowsUpdated();
    }

    /** Texts whose sender stopped mid-submit: they may have reached the SMSC, so they are never sent again. */
    Mono<Long> leasesRunOut(Instant now) {
        return db.sql(
                        "UPDATE sms_message SET state = 'IN_DOUBT', lease_until = NULL,"
                                + " last_error = 'sender stopped while submitting' WHERE state = 'SUBMITTING' AND lease_until < :now")
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    private static Outgoing outgoing(Readable r) {
        return new Outgoing(
                r.get("id", Long.class),
                r.get("supplier_id", UUID.class),
                r.get("customer_account_id", UUID.class),
                r.get("phone", String.class),
                r.get("body", String.class),
                r.get("encoding", String.class),
                r.get("attempts", Integer.class),
                r.get("expires_at", Instant.class));
    }
}
