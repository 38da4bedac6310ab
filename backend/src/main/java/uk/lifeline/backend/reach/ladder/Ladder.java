package uk.lifeline.backend.reach.ladder;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.IndexPlans;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.CodeDesk.Progress;
import uk.lifeline.backend.reach.ReachTasks;
import uk.lifeline.backend.reach.contact.ContactPoints;
import uk.lifeline.backend.reach.contact.ContactStore;
import uk.lifeline.backend.reach.contact.PhoneNumber;
import uk.lifeline.backend.reach.contact.Reachability;
import uk.lifeline.backend.reach.sms.SmsMessages;
import uk.lifeline.backend.reach.sms.SmsText;
import uk.lifeline.backend.reach.voice.OutboundCalls;

/**
 * The escalation ladder for every released code: the app first; if the app has not fetched it by the deadline
 * (or the customer's needs say so), a text; if the text is not delivered (or the needs say so), a call; if nothing
 * is confirmed, the call centre's list with what was tried. It stops as soon as the customer confirms entry on
 * any channel. Steps live in {@code reach_step}; each {@link #step} starts ladders for new codes and takes the
 * due steps, each in the same transaction as what it does. Thread-safe.
 */
@Component
public class Ladder {

    public enum Step {
        TEXT,
        VOICE,
        CALL_CENTRE
    }

    record Due(UUID codeId, Step step, UUID supplierId, UUID customerId, UUID campaignId) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final CodeDesk codes;
    private final ContactStore contacts;
    private final SmsMessages texts;
    private final OutboundCalls calls;
    private final ReachTasks tasks;
    private final LadderProperties config;
    private final Clock clock;
    private final TokenBucket textRate;
    private final TokenBucket callRate;
    /**
     * The newest code message a ladder was started for: the next pass reads only newer ones, so a pass costs the
     * new codes rather than every code of the look-back (which made the ladder's start quadratic over a busy day:
     * fifteen index probes per code issued, measured under the issuing benchmark). 0: not yet, read the look-back.
     */
    final AtomicLong startedUpTo = new AtomicLong();

    static final Duration CATCH_UP_EVERY = Duration.ofSeconds(30);
    /** Longer than any transaction that writes code messages stays open. */
    static final Duration CATCH_UP_WINDOW = Duration.ofMinutes(5);

    /** The second look at messages whose transaction committed late. */
    final CatchUp catchUp;

    // Tests only: runs inside each step's transaction after it is taken, to stop the instance "mid-step".
    volatile Consumer<Due> afterEach = d -> {};

    Ladder(
            DatabaseClient db,
            TransactionalOperator tx,
            CodeDesk codes,
            ContactStore contacts,
            SmsMessages texts,
            OutboundCalls calls,
            ReachTasks tasks,
            LadderProperties config,
            Clock clock) {
        this.db = db;
        this.tx = tx;
        this.codes = codes;
        this.contacts = contacts;
        this.texts = texts;
        this.calls = calls;
        this.tasks = tasks;
        this.config = config;
        this.clock = clock;
        this.catchUp = new CatchUp(CATCH_UP_EVERY, CATCH_UP_WINDOW, config.pollInterval());
        this.textRate = new TokenBucket(config.textsPerSecond());
        this.callRate = new TokenBucket(config.callsPerSecond());
    }

    /** Starts ladders for newly released codes, then takes the due steps. Returns how many it did. */
    public Mono<Integer> step() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return start(now).flatMap(started -> take(Step.TEXT, textRate, now)
                .flatMap(t -> take(Step.VOICE, callRate, now).map(v -> t + v))
                .flatMap(n -> take(Step.CALL_CENTRE, null, now).map(c -> started + n + c)));
    }

    /**
     * A TEXT step, due at the app's deadline, for each released code that has none: the messages after the newest
     * one started, and a share of the {@link CatchUp}'s pass over the recent ones again (the NOT EXISTS makes a second
     * look harmless).
     */
    private Mono<Integer> start(Instant now) {
        long after = startedUpTo.get();
        Mono<Integer> newer = start(after, Long.MAX_VALUE, now.minus(config.lookBack()));
        return catchUp.next(now, after)
                .map(again -> newer.flatMap(
                        n -> start(again.after(), again.upTo(), again.since()).map(m -> n + m)))
                .orElse(newer);
    }

    /** First steps for the code messages with ids after {@code after} up to {@code upTo}, created after {@code since}. */
    private Mono<Integer> start(long after, long upTo, Instant since) {
        // Under IndexPlans: planned for an empty outbox, this read every code message and step on each call.
        return IndexPlans.indexed(
                        db,
                        tx,
                        db.sql("""
                        SELECT m.id, m.subject_id, m.supplier_id, m.customer_account_id, m.campaign_id, m.created_at,
                               s.code AS supplier_code, coalesce(c.kind = 'NOTICE', false) AS emergency,
                               c.app_deadline_seconds
                        FROM outbox_message m
                        JOIN supplier s ON s.id = m.supplier_id
                        LEFT JOIN campaign c ON c.id = m.campaign_id
                        WHERE m.kind = 'code' AND m.created_at > :since AND m.id > :after AND m.id <= :upTo
                          AND NOT EXISTS (SELECT 1 FROM reach_step r WHERE r.code_id = m.subject_id)
                        ORDER BY m.id LIMIT :limit
                        """)
                                .bind("since", since)
                                .bind("after", after)
                                .bind("upTo", upTo)
                                .bind("limit", config.batchSize())
                                .map(this::firstStep)
                                .all())
                .collectList()
                .flatMap(found -> write(found.stream().map(Started::step).toList())
                        // Only once their steps are written: a failed pass is read again.
                        .doOnSuccess(n -> found.forEach(f -> startedUpTo.accumulateAndGet(f.messageId(), Math::max))));
    }

    /** A step to wait for. Immutable. */
    private record NewStep(UUID code, Step step, UUID supplier, UUID customer, UUID campaign, Instant due) {}

    /** A ladder's first step, for the code message {@link #start} read. Immutable. */
    private record Started(long messageId, NewStep step) {}

    private Started firstStep(Readable r) {
        // The campaign's own deadline, given at launch, comes first; then the supplier's, then the default.
        Integer campaignSeconds = r.get("app_deadline_seconds", Integer.class);
        Instant due = r.get("created_at", Instant.class)
                .plus(
                        campaignSeconds != null
                                ? Duration.ofSeconds(campaignSeconds)
                                : config.appDeadline(
                                        r.get("supplier_code", String.class),
                                        Boolean.TRUE.equals(r.get("emergency", Boolean.class))));
        return new Started(
                r.get("id", Long.class),
                new NewStep(
                        r.get("subject_id", UUID.class),
                        Step.TEXT,
                        r.get("supplier_id", UUID.class),
                        r.get("customer_account_id", UUID.class),
                        r.get("campaign_id", UUID.class),
                        due));
    }

    /** Steps to wait for, in one statement (a pass's first steps: one commit, not one per code); each once. */
    private Mono<Integer> write(List<NewStep> steps) {
        if (steps.isEmpty()) {
            return Mono.just(0);
        }
        return db.sql("""
                        INSERT INTO reach_step (code_id, step, supplier_id, customer_account_id, campaign_id, state,
                            due_at)
                        SELECT u.code::uuid, u.step, u.s::uuid, u.c::uuid, u.campaign::uuid, 'WAITING', u.due::timestamptz
                        FROM unnest(:codes::text[], :steps::text[], :suppliers::text[], :customers::text[],
                          :campaigns::text[], :dues::text[]) AS u(code, step, s, c, campaign, due)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("codes", texts(steps, NewStep::code))
                .bind("steps", texts(steps, NewStep::step))
                .bind("suppliers", texts(steps, NewStep::supplier))
                .bind("customers", texts(steps, NewStep::customer))
                .bind("campaigns", texts(steps, NewStep::campaign))
                .bind("dues", texts(steps, NewStep::due))
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    private static String[] texts(List<NewStep> steps, java.util.function.Function<NewStep, Object> field) {
        return steps.stream()
                .map(step -> {
                    Object value = field.apply(step);
                    return value == null ? null : value.toString();
                })
                .toArray(String[]::new);
    }

    private Mono<Integer> take(Step step, TokenBucket rate, Instant now) {
        int allowed = rate == null ? config.batchSize() : rate.take(config.batchSize());
        if (allowed == 0) {
            return Mono.just(0);
        }
        Mono<Integer> work = db.sql("""
                        SELECT code_id, step, supplier_id, customer_account_id, campaign_id FROM reach_step
                        WHERE state = 'WAITING' AND step = :step AND due_at <= :now
                        ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .bind("step", step.name())
                .bind("now", now)
                .bind("limit", allowed)
                .map(r -> new Due(
                        r.get("code_id", UUID.class),
                        Step.valueOf(r.get("step", String.class)),
                        r.get("supplier_id", UUID.class),
                        r.get("customer_account_id", UUID.class),
                        r.get("campaign_id", UUID.class)))
                .all()
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(d -> one(d, now)
                        .then(Mono.fromRunnable(() -> afterEach.accept(d)))
                        .thenReturn(1))
                .reduce(0, Integer::sum)
                .as(tx::transactional);
        return work.doOnNext(n -> {
            if (rate != null) {
                rate.giveBack(allowed - n);
            }
        });
    }

    private Mono<Void> one(Due d, Instant now) {
        return codes.progress(d.supplierId(), d.codeId()).flatMap(progress -> {
            if (progress == Progress.CONFIRMED) {
                return done(d, "STOPPED", "the customer confirmed entry", now);
            }
            if (progress == Progress.FINISHED) {
                return done(d, "STOPPED", "the code was cancelled or expired", now);
            }
            return contacts.forReaching(d.supplierId(), d.customerId()).flatMap(c -> switch (d.step()) {
                case TEXT -> text(d, c, progress, now);
                case VOICE -> voice(d, c, now);
                case CALL_CENTRE -> callCentre(d, progress, now);
            });
        });
    }

    private Mono<Void> text(Due d, ContactPoints c, Progress progress, Instant now) {
        boolean needsMore = Reachability.callEvenIfTextDelivered(c);
        if (progress == Progress.FETCHED && !needsMore) {
            return done(d, "STOPPED", "the app fetched it", now);
        }
        PhoneNumber to = Reachability.textNumber(c).orElse(null);
        Mono<String> sent = to == null
                ? Mono.just("no text: no mobile agreed to texts")
                : codes.code(d.supplierId(), d.codeId())
                        .flatMap(code -> Flux.fromIterable(SmsText.forCode(code, c.language()))
                                .concatMap(body -> texts.queue(
                                        new SmsMessages.Queued(
                                                d.supplierId(),
                                                d.customerId(),
                                                to,
                                                "code",
                                                d.codeId(),
                                                d.campaignId(),
                                                body,
                                                code.expiresAt()),
                                        now))
                                .count()
                                .map(n -> "texted " + to.tail() + " (" + n + (n == 1 ? " text)" : " texts)")));
        return sent.flatMap(outcome -> done(d, "TAKEN", outcome, now)
                .then(write(List.of(new NewStep(
                        d.codeId(),
                        Step.VOICE,
                        d.supplierId(),
                        d.customerId(),
                        d.campaignId(),
                        to == null || Reachability.callWithoutWaiting(c) ? now : now.plus(config.textDeadline())))))
                .then());
    }

    private Mono<Void> voice(Due d, ContactPoints c, Instant now) {
        return textDelivered(d.codeId()).flatMap(delivered -> {
            if (delivered && !Reachability.callEvenIfTextDelivered(c)) {
                return done(d, "STOPPED", "the text was delivered", now);
            }
            PhoneNumber to = Reachability.callNumber(c).orElse(null);
            // The call row is written in this transaction; the voice sender asks Twilio after commit.
            Mono<OutboundCalls.Placed> placed = to == null
                    ? Mono.just(new OutboundCalls.Placed("no call: no number agreed to calls", true))
                    : calls.queue(d.supplierId(), d.customerId(), d.codeId(), d.campaignId(), to, c.language(), now);
            return placed.flatMap(p -> done(d, "TAKEN", p.outcome(), now)
                    .then(write(List.of(new NewStep(
                            d.codeId(),
                            Step.CALL_CENTRE,
                            d.supplierId(),
                            d.customerId(),
                            d.campaignId(),
                            p.callCentreNow() ? now : now.plus(config.voiceDeadline())))))
                    .then());
        });
    }

    /**
     * The call did not reach the customer (busy, no answer, failed): the call centre's step, waiting for the
     * voice deadline, is due now.
     */
    public Mono<Void> callCentreNow(UUID supplier, UUID code, Instant now) {
        return db.sql("UPDATE reach_step SET due_at = :now WHERE supplier_id = :s AND code_id = :c"
                        + " AND step = 'CALL_CENTRE' AND state = 'WAITING' AND due_at > :now")
                .bind("now", now)
                .bind("s", supplier)
                .bind("c", code)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> callCentre(Due d, Progress progress, Instant now) {
        return db.sql(
                        "SELECT step, outcome FROM reach_step WHERE code_id = :c AND step <> 'CALL_CENTRE' ORDER BY due_at")
                .bind("c", d.codeId())
                .map(r -> r.get("step", String.class).toLowerCase(java.util.Locale.ROOT) + ": "
                        + r.get("outcome", String.class))
                .all()
                .collectList()
                .flatMap(tried -> {
                    String detail = "app: " + (progress == Progress.FETCHED ? "fetched, not confirmed" : "not fetched")
                            + "; " + String.join("; ", tried);
                    return tasks.add(
                                    d.supplierId(),
                                    d.customerId(),
                                    ReachTasks.Kind.UNREACHED,
                                    d.codeId(),
                                    d.campaignId(),
                                    detail,
                                    now)
                            .then(done(d, "TAKEN", "on the call centre's list", now));
                });
    }

    private Mono<Boolean> textDelivered(UUID code) {
        return db.sql("SELECT count(*) > 0 AND bool_and(state = 'DELIVERED') FROM sms_message"
                        + " WHERE code_id = :c AND direction = 'OUT'")
                .bind("c", code)
                .map(r -> Boolean.TRUE.equals(r.get(0, Boolean.class)))
                .one();
    }

    private Mono<Void> done(Due d, String state, String outcome, Instant now) {
        return db.sql("UPDATE reach_step SET state = :state, outcome = :outcome, done_at = :now"
                        + " WHERE code_id = :c AND step = :step AND state = 'WAITING'")
                .bind("state", state)
                .bind("outcome", outcome)
                .bind("now", now)
                .bind("c", d.codeId())
                .bind("step", d.step().name())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** What was tried for one code, step by step (for the code's deliveries view). */
    public Flux<List<String>> tried(UUID supplier, UUID code) {
        return db.sql(
                        "SELECT step, state, outcome FROM reach_step WHERE supplier_id = :s AND code_id = :c ORDER BY due_at")
                .bind("s", supplier)
                .bind("c", code)
                .map(r -> List.of(
                        r.get("step", String.class),
                        r.get("state", String.class),
                        String.valueOf(r.get("outcome", String.class))))
                .all();
    }
}
