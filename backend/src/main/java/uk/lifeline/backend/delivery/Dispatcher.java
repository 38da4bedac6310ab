package uk.lifeline.backend.delivery;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.database.IndexPlans;

/**
 * Sends the outbox's phone messages through the {@link PushGateway}. Each step claims a batch of due deliveries by
 * phone ({@link #claim}: loops and instances claim at once and never share a phone) and marks them SENDING with a lease
 * in a committed statement before anything goes out; then sends the batch and records each outcome: SENT, a retry later
 * (exponential backoff with jitter, never sooner than FCM's Retry-After), the phone's token retired, or FAILED after
 * the last attempt. A delivery still SENDING when its lease runs out belonged to a dispatcher that stopped mid-send: it
 * may or may not have gone, so it becomes IN_DOUBT and is never sent again by the backend (the app's pull and stream
 * still bring the code). Pending deliveries past their message's expiry become EXPIRED. Thread-safe.
 */
@Component
public class Dispatcher extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration TIDY_EVERY = Duration.ofSeconds(10);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final PushGateway gateway;
    private final PushProperties properties;
    private final Clock clock;
    private final String instance = "dispatcher-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final RestGate<String> sweeps = new RestGate<>();
    /** How many due deliveries the next claim reads to find its phones ({@link #scanAfter}). */
    private final AtomicInteger scan;

    public Dispatcher(
            DatabaseClient db, TransactionalOperator tx, PushGateway gateway, PushProperties properties, Clock clock) {
        super("push-dispatcher", properties.dispatchers(), properties.pollInterval(), true);
        this.db = db;
        this.tx = tx;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
        this.scan = new AtomicInteger(properties.batchSize() + 1);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (!gateway.configured()) {
            log.warn("Push dispatcher idle: {}", gateway.description());
        }
    }

    /**
     * The loop looks again at once only when its claim saw more due than it took; otherwise it rests until a page,
     * another loop or the poll wakes it. Looking again after every batch made two to three claims per campaign
     * page, the others finding nothing, each planned and walking past the phones just claimed.
     */
    @Override
    protected Mono<Integer> work() {
        return round().map(r -> r.more() ? r.sent() : 0);
    }

    /** One round: tidy leases and expiries, then claim, send and record one batch. Completes with the batch size. */
    public Mono<Integer> step() {
        return round().map(Round::sent);
    }

    /** What a round sent, and whether its claim saw more due than a batch. Immutable. */
    private record Round(int sent, boolean more) {}

    private Mono<Round> round() {
        Instant now = now();
        // The sweeps need not run with every batch: at most every TIDY_EVERY, on one of the loops.
        Mono<Void> tidy =
                sweeps.tryStart("sweeps", now, TIDY_EVERY) ? markInDoubt(now).then(expire(now)) : Mono.empty();
        if (!gateway.configured()) {
            return tidy.thenReturn(new Round(0, false));
        }
        return tidy.then(claim(now)).flatMap(claim -> {
            List<Claimed> claimed = claim.claimed();
            if (claimed.isEmpty()) {
                return Mono.just(new Round(0, false));
            }
            if (claim.more()) {
                // Another loop claims the rest while this one sends. Waking every loop for each page had them all
                // claim at once, and a fifth to a third of the claims found nothing.
                wakeOne();
            }
            Coalesced batch = coalesce(claimed);
            return Mono.fromCallable(() -> send(batch.pushes()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(outcomes -> record(claimed, batch, outcomes))
                    .thenReturn(new Round(claimed.size(), claim.more()));
        });
    }

    /**
     * Sends a claim's messages, at most {@code batchSize} to an FCM call: a claim counts a notice and its carried
     * code as one message, but the two go apart when they do not fit in one, so a claim may hold more.
     */
    private List<PushOutcome> send(List<Push> pushes) {
        List<Push> fitted = pushes.stream().map(Push::fitted).toList();
        List<PushOutcome> outcomes = new ArrayList<>(fitted.size());
        for (int from = 0; from < fitted.size(); from += properties.batchSize()) {
            outcomes.addAll(gateway.send(fitted.subList(from, Math.min(fitted.size(), from + properties.batchSize()))));
        }
        return outcomes;
    }

    /** The sweeps now, whenever they last ran: in-doubt leases, expired messages. */
    Mono<Void> sweep() {
        Instant now = now();
        return markInDoubt(now).then(expire(now));
    }

    private Mono<Void> markInDoubt(Instant now) {
        return db.sql("""
                        UPDATE push_delivery SET state = 'IN_DOUBT', last_error = 'the dispatcher ' || claimed_by
                          || ' stopped while sending: not sent again, as it may have gone'
                        WHERE state = 'SENDING' AND lease_until < :now
                        """).bind("now", now).fetch().rowsUpdated().then();
    }

    private Mono<Void> expire(Instant now) {
        return db.sql("""
                        WITH due AS (
                          SELECT id FROM push_delivery WHERE state = 'PENDING' AND expires_at <= :now
                          ORDER BY expires_at LIMIT 5000 FOR UPDATE SKIP LOCKED)
                        UPDATE push_delivery p SET state = 'EXPIRED' FROM due WHERE p.id = due.id
                        """).bind("now", now).fetch().rowsUpdated().then();
    }

    /**
     * A claimed delivery and how many attempts it has had, this one included; with its phone and campaign (or
     * null), which {@link #coalesce} pairs by.
     */
    record Claimed(Push push, int attempts, UUID device, UUID campaign) {}

    /**
     * A claim's deliveries, and whether more were due than it took (at least one more delivery, of a phone no other
     * claim held, was due when it ran). Immutable.
     */
    record Claim(List<Claimed> claimed, boolean more) {}

    /**
     * What one batch sends: one push per delivery, except that a campaign's notice and a code of the same campaign
     * for the same phone, claimed together, go as one FCM message (the notice's, carrying the code as
     * {@code codeId}, {@code codeEnvelope} and {@code codeStatus}: docs/app-protocol.md). Both deliveries then have
     * that message's outcome. Immutable.
     *
     * @param carried for a push carrying a code: the code's delivery id, by the notice's delivery id
     */
    record Coalesced(List<Push> pushes, Map<Long, Long> carried) {

        /** One outcome per delivery, in any order: the outcomes of the pushes, repeated for the carried codes. */
        List<PushOutcome> each(List<PushOutcome> outcomes) {
            List<PushOutcome> all = new ArrayList<>(outcomes);
            for (PushOutcome o : outcomes) {
                Long code = carried.get(o.deliveryId());
                if (code != null) {
                    all.add(new PushOutcome(code, o.result(), o.fcmName(), o.error(), o.retryAfter()));
                }
            }
            return all;
        }
    }

    /**
     * Pairs each campaign notice with one code of the same campaign for the same phone, where the batch has one and
     * the two fit in one FCM message.
     */
    static Coalesced coalesce(List<Claimed> claimed) {
        Map<List<Object>, Claimed> codes = new HashMap<>();
        for (Claimed c : claimed) {
            if (c.campaign() != null
                    && Outbox.Kind.CODE.wire().equals(c.push().data().get("type"))) {
                codes.putIfAbsent(List.of(c.device(), c.campaign()), c);
            }
        }
        Map<Long, Long> carried = new HashMap<>();
        Set<Long> taken = new HashSet<>();
        for (Claimed c : claimed) {
            Claimed code = c.campaign() != null
                            && Outbox.Kind.NOTICE.wire().equals(c.push().data().get("type"))
                    ? codes.get(List.of(c.device(), c.campaign()))
                    : null;
            // A notice with long words and a code may not fit in one FCM message; then each goes on its own.
            if (code != null && c.push().carrying(code.push()).fitsFcm()) {
                codes.remove(List.of(c.device(), c.campaign()));
                carried.put(c.push().deliveryId(), code.push().deliveryId());
                taken.add(code.push().deliveryId());
            }
        }
        List<Push> pushes = new ArrayList<>(claimed.size() - taken.size());
        Map<Long, Push> byDelivery = new HashMap<>();
        claimed.forEach(c -> byDelivery.put(c.push().deliveryId(), c.push()));
        for (Claimed c : claimed) {
            long id = c.push().deliveryId();
            if (!taken.contains(id)) {
                Long code = carried.get(id);
                pushes.add(code == null ? c.push() : c.push().carrying(byDelivery.get(code)));
            }
        }
        return new Coalesced(pushes, carried);
    }

    /** The claim ({@link #claim}); its parameters are now, limit, scan, lease and me. */
    static final String CLAIM = """
            WITH due AS (
              SELECT d.supplier_id, d.id FROM push_delivery p
              JOIN push_device d ON d.supplier_id = p.supplier_id AND d.id = p.device_id
              WHERE p.state = 'PENDING' AND p.next_attempt_at <= :now
              ORDER BY p.next_attempt_at LIMIT :scan
              FOR NO KEY UPDATE OF d SKIP LOCKED),
            phones AS (SELECT DISTINCT supplier_id, id FROM due),
            ranked AS (
              SELECT p.id, p.device_id, m.campaign_id,
                row_number() OVER (ORDER BY p.next_attempt_at, p.device_id, p.id) AS n
              FROM phones ph
              CROSS JOIN LATERAL (
                SELECT p.id, p.device_id, p.message_id, p.next_attempt_at FROM push_delivery p
                WHERE p.supplier_id = ph.supplier_id AND p.device_id = ph.id AND p.state = 'PENDING'
                OFFSET 0) p
              JOIN outbox_message m ON m.id = p.message_id
              WHERE p.next_attempt_at <= :now),
            grouped AS (
              SELECT id, n, min(n) OVER (PARTITION BY device_id, campaign_id,
                CASE WHEN campaign_id IS NULL THEN id END) AS first
              FROM ranked),
            chosen AS (
              SELECT id FROM (
                SELECT id, n, first, dense_rank() OVER w AS message, count(*) OVER w AS through FROM grouped
                WINDOW w AS (ORDER BY first)) g
              WHERE (message <= :limit AND through <= 2 * :limit) OR (first = 1 AND n <= :limit)),
            locked AS (
              SELECT l.id FROM chosen c CROSS JOIN LATERAL (
                SELECT p.id, p.state FROM push_delivery p WHERE p.id = c.id
                OFFSET 0 FOR UPDATE SKIP LOCKED) l
              WHERE l.state = 'PENDING'),
            sending AS (
              UPDATE push_delivery p SET state = 'SENDING', lease_until = :lease, claimed_by = :me,
                attempts = p.attempts + 1
              WHERE p.id = ANY ((SELECT array_agg(id) FROM locked)::bigint[])
              RETURNING p.id, p.attempts, p.expires_at, p.device_id, p.message_id,
                (SELECT d.token FROM push_device d WHERE d.supplier_id = p.supplier_id AND d.id = p.device_id))
            SELECT s.id, s.attempts, s.expires_at, s.device_id, s.token, m.kind, m.subject_id, m.status, m.envelope,
              m.title, m.body, m.high_priority, m.campaign_id,
              (SELECT count(*) FROM due) >= :scan OR (SELECT count(*) FROM ranked) > (SELECT count(*) FROM chosen)
                AS more
            FROM sending s CROSS JOIN LATERAL (
              SELECT m.kind, m.subject_id, m.status, m.envelope, m.title, m.body, m.high_priority, m.campaign_id
              FROM outbox_message m WHERE m.id = s.message_id OFFSET 0) m
            """;

    /**
     * Claims a batch of due deliveries by phone, and reads what to send; one statement, committed on its own. It locks
     * the phones ({@code push_device}, {@code FOR NO KEY UPDATE SKIP LOCKED}) of the first due deliveries, then marks
     * SENDING the due deliveries of those phones, a campaign's deliveries to a phone as one group (one FCM message: a
     * notice carrying its code), whole groups only, at most {@code batchSize} groups (FCM's limit per call) and twice
     * that in deliveries (a first group larger than that, which no campaign makes, goes in parts). A page of a notice
     * campaign, a notice and a code for each of its meters, is then one claim, not two: fewer, fuller claims cost the
     * database less per delivery. So claims run concurrently, across loops and instances, yet a customer's notice and
     * its code of the same campaign (written in one transaction, due at the same moment, and retried together) are
     * always claimed together and go as one FCM message. A delivery claimed by another dispatcher that committed after
     * this statement began is left alone (its state is checked again on update), so none is sent twice. Every read goes
     * through one index whatever the statistics say (while a first campaign fills an empty queue they say it is empty,
     * and the planner then read every due delivery per claim; it runs under {@link IndexPlans}, since a plan made for
     * an empty table also scanned it once per phone): the due index in time order, stopping one past a batch's worth of
     * phones ({@link #scanAfter}: the claim knows whether more is due; that phone is locked too, and its deliveries are
     * left for the next claim unless they fit); each locked phone's due deliveries through the phone's index (V24;
     * {@code OFFSET 0} keeps them apart from the rest of the plan); each chosen delivery by its key (its state checked
     * after the lock, outside an {@code OFFSET 0}, so no partial index of the queue can serve that read; V27 leaves
     * each of the other reads one index of its own: {@code ClaimPlanTest}), locked skipping any that another
     * transaction holds (a delivery being expired, retired, or already claimed and being recorded). So a claim never
     * waits, and a dispatcher recording outcomes, which may wait for a claim, never deadlocks with one (an update that
     * had waited for a row kept its lock on it: ConcurrentClaimTest saw that). The locked deliveries are then updated
     * by their keys as one array, and each one's phone token and message are read by key: joined to the claim's other
     * results instead, each was compared with every phone claimed (the planner guesses one row for each of them),
     * 250,000 comparisons and 60% of the time of a claim of 500.
     */
    Mono<Claim> claim(Instant now) {
        AtomicBoolean more = new AtomicBoolean();
        return IndexPlans.indexed(
                        db,
                        tx,
                        db.sql(CLAIM)
                                .bind("now", now)
                                .bind("limit", properties.batchSize())
                                .bind("scan", scan.get())
                                .bind("lease", now.plus(properties.lease()))
                                .bind("me", instance)
                                .map(row -> {
                                    more.compareAndSet(false, Boolean.TRUE.equals(row.get("more", Boolean.class)));
                                    return new Claimed(
                                            push(row, now),
                                            row.get("attempts", Integer.class),
                                            row.get("device_id", UUID.class),
                                            row.get("campaign_id", UUID.class));
                                })
                                .all())
                .collectList()
                .map(claimed -> {
                    scan.set(scanAfter(claimed));
                    return new Claim(claimed, more.get());
                });
    }

    /**
     * How many due deliveries the claim after this one reads, in time order, to find the phones it locks: a batch's
     * worth of phones, going by how many deliveries this claim found per phone, and one more. A page of a price
     * change has one delivery per phone and a notice's two, so a claim that read a fixed number of deliveries
     * either locked twice the phones it could take in a price change (each lock a write) or took half a notice page.
     */
    int scanAfter(List<Claimed> claimed) {
        int limit = properties.batchSize();
        long phones = claimed.stream().map(Claimed::device).distinct().count();
        if (phones == 0) {
            return scan.get();
        }
        long perBatch = (claimed.size() * (long) limit + phones - 1) / phones;
        return (int) Math.min(2L * limit, Math.max(limit, perBatch)) + 1;
    }

    private Push push(Readable row, Instant now) {
        Map<String, String> data = new LinkedHashMap<>();
        String kind = row.get("kind", String.class);
        data.put("type", kind);
        data.put("id", row.get("subject_id", UUID.class).toString());
        String status = row.get("status", String.class);
        if (status != null) {
            data.put("status", status);
        }
        String envelope = row.get("envelope", String.class);
        if (envelope != null) {
            data.put("envelope", envelope);
        }
        Duration ttl = Duration.between(now, row.get("expires_at", Instant.class));
        boolean high = Boolean.TRUE.equals(row.get("high_priority", Boolean.class));
        return new Push(
                row.get("id", Long.class),
                row.get("token", String.class),
                data,
                row.get("title", String.class),
                row.get("body", String.class),
                high,
                Outbox.Kind.NOTICE.wire().equals(kind) || high ? "notices" : "codes",
                ttl.isNegative() ? Duration.ZERO : ttl.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Records each delivery's outcome. A carried code is retried when its notice is, at the same moment, so the
     * two stay due together and are claimed, and sent, together again.
     */
    private Mono<Void> record(List<Claimed> batch, Coalesced coalesced, List<PushOutcome> sent) {
        Instant now = now();
        Map<Long, Integer> attempts = new HashMap<>();
        batch.forEach(c -> attempts.put(c.push().deliveryId(), c.attempts()));
        Map<Long, String> retryAt = new HashMap<>();
        for (PushOutcome o : sent) {
            if (o.result() == PushOutcome.Result.RETRY) {
                String at = now.plus(retryDelay(o.retryAfter(), attempts.get(o.deliveryId())))
                        .toString();
                retryAt.put(o.deliveryId(), at);
                Long code = coalesced.carried().get(o.deliveryId());
                if (code != null) {
                    retryAt.put(code, at);
                }
            }
        }
        List<PushOutcome> outcomes = coalesced.each(sent);
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[] states = new String[n];
        String[] names = new String[n];
        String[] errors = new String[n];
        String[] next = new String[n];
        List<Long> retired = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PushOutcome o = outcomes.get(i);
            ids[i] = o.deliveryId();
            names[i] = o.fcmName();
            errors[i] = o.error();
            switch (o.result()) {
                case SENT -> states[i] = "SENT";
                case RETIRE_TOKEN -> {
                    states[i] = "RETIRED";
                    retired.add(o.deliveryId());
                }
                case FAILED -> states[i] = "FAILED";
                case RETRY -> {
                    states[i] = "PENDING";
                    next[i] = retryAt.get(o.deliveryId());
                }
            }
        }
        Mono<Void> write = db.sql("""
                        UPDATE push_delivery p SET
                          state = CASE WHEN u.state = 'PENDING' AND p.attempts >= :max THEN 'FAILED' ELSE u.state END,
                          fcm_name = u.name, last_error = u.error, lease_until = NULL,
                          sent_at = CASE WHEN u.state = 'SENT' THEN :now ELSE p.sent_at END,
                          next_attempt_at = coalesce(u.next::timestamptz, p.next_attempt_at)
                        FROM unnest(:ids::bigint[], :states::text[], :names::text[], :errors::text[], :next::text[])
                          AS u(id, state, name, error, next)
                        WHERE p.id = u.id AND p.state IN ('SENDING', 'IN_DOUBT')
                        """)
                .bind("ids", ids)
                .bind("states", states)
                .bind("names", names)
                .bind("errors", errors)
                .bind("next", next)
                .bind("now", now)
                .bind("max", properties.maxAttempts())
                .fetch()
                .rowsUpdated()
                .then();
        return retired.isEmpty() ? write : write.then(retire(retired.toArray(Long[]::new), now));
    }

    /** FCM says these tokens are dead: retire the phones, and their other queued messages with them. */
    private Mono<Void> retire(Long[] deliveries, Instant now) {
        return db.sql("""
                        WITH dead AS (
                          UPDATE push_device d SET retired_at = :now,
                            retired_reason = 'FCM: ' || coalesce(p.last_error, 'token refused')
                          FROM push_delivery p
                          WHERE p.id = ANY(:ids::bigint[]) AND d.supplier_id = p.supplier_id AND d.id = p.device_id
                            AND d.retired_at IS NULL
                          RETURNING d.id)
                        UPDATE push_delivery q SET state = 'RETIRED', last_error = 'the phone''s token was retired'
                        FROM dead WHERE q.device_id = dead.id AND q.state = 'PENDING'
                        """)
                .bind("ids", deliveries)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .doOnNext(n -> log.info("Retired {} phone token(s) FCM refused", deliveries.length))
                .then();
    }

    /**
     * Exponential backoff with jitter: the first retry after about {@code firstRetry}, each later one about twice
     * as long, up to {@code longestRetry}, each drawn between half and all of that; never sooner than Retry-After.
     */
    Duration retryDelay(Duration retryAfter, int attempts) {
        long base = properties.firstRetry().toMillis() << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(base, properties.longestRetry().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
