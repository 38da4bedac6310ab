package uk.lifeline.backend.campaign;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.database.IndexPlans;
import uk.lifeline.backend.database.JoinedText;
import uk.lifeline.backend.delivery.Outbox;
import uk.lifeline.backend.ledger.CodeMessages;
import uk.lifeline.backend.ledger.CodeRecord;
import uk.lifeline.backend.ledger.IssueIntent;
import uk.lifeline.backend.ledger.IssuingProperties;
import uk.lifeline.backend.ledger.Ledger;
import uk.lifeline.backend.meter.DeviceType;
import uk.lifeline.backend.meter.WanState;
import uk.lifeline.backend.notice.NoticeEnvelopes;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;

/**
 * One page of a campaign, in one transaction: claim up to a page of its PENDING meters
 * ({@code FOR UPDATE SKIP LOCKED}, so instances share a campaign without overlap), and for each meter without
 * WAN take its next counter, encode, sign and store the code, put its message in the outbox, and mark the meter
 * CODED; mark WAN meters for the DCC; sign and store the notice for each customer who has none yet; append one
 * audit entry for the page. A crash anywhere before the commit rolls all of it back, so every meter is coded
 * exactly once. The CPU work (key agreement, encoding, signatures) runs on all cores. Then hands WAN meters to
 * the DCC adapter. Thread-safe.
 */
@Component
class CampaignPages {

    /**
     * A claimed meter. Immutable.
     *
     * @param row the target row's address ({@code ctid}), which cannot change while the page's transaction holds
     *     the row's lock: the page marks its targets done by it ({@link #MARK_TARGETS})
     */
    record Target(
            UUID deviceId,
            UUID customerId,
            String eui64,
            DeviceType type,
            WanState wan,
            String publicKey,
            boolean hasPhone,
            boolean needsNotice,
            int priority,
            String row) {}

    /** Where a claim stopped: targets are claimed in (priority, device) order, PSR customers first. */
    private record Position(int priority, UUID deviceId) {}

    /** What became of a meter in this page. Immutable. */
    private record Done(Target target, TargetState state, CodeRecord code, String error) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final CampaignStore store;
    private final Suppliers suppliers;
    private final Ledger ledger;
    private final NoticeEnvelopes notices;
    private final Outbox outbox;
    private final AuditLog audit;
    private final IssuingProperties issuing;
    private final CampaignProperties properties;
    private final DccAdapter dcc;
    private final Clock clock;
    /** Which instance coded a page, in its audit entry: the JVM's "pid@host". */
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /** Per campaign, the last meter this instance claimed: {@link #claimPage}. */
    private final ConcurrentMap<UUID, Position> claimedUpTo = new ConcurrentHashMap<>();
    /** Tests only: runs inside a page's transaction after everything is written, before the commit. */
    volatile Runnable beforeCommit = () -> {};

    CampaignPages(
            DatabaseClient db,
            TransactionalOperator tx,
            CampaignStore store,
            Suppliers suppliers,
            Ledger ledger,
            NoticeEnvelopes notices,
            Outbox outbox,
            AuditLog audit,
            IssuingProperties issuing,
            CampaignProperties properties,
            DccAdapter dcc,
            Clock clock) {
        this.db = db;
        this.tx = tx;
        this.store = store;
        this.suppliers = suppliers;
        this.ledger = ledger;
        this.notices = notices;
        this.outbox = outbox;
        this.audit = audit;
        this.issuing = issuing;
        this.properties = properties;
        this.dcc = dcc;
        this.clock = clock;
    }

    /**
     * Works one page of the oldest running campaign that has work; with none, derives the shared secrets of up to
     * a page of meters that lack them. Completes with the meters done (0: nothing to do).
     */
    Mono<Integer> step() {
        return store.running()
                .concatMap(this::page)
                .filter(n -> n > 0)
                .next()
                .switchIfEmpty(Mono.defer(() -> store.finish(now())
                        .then(
                                properties.primeSecrets()
                                        ? ledger.primeKeys(properties.pageSize(), properties.primeRest())
                                        : Mono.just(0))));
    }

    Mono<Integer> page(Campaign c) {
        Mono<List<Target>> coded = tx.transactional(claimPage(c)
                .flatMap(targets -> targets.isEmpty()
                        ? Mono.just(targets)
                        : process(c, targets).thenReturn(targets)));
        // WAN meters go to the DCC after the page that marked them, and once no meter is left to code (any left over
        // by a crash between the two): looking for them after every page read every pending target each time.
        return coded.flatMap(
                targets -> targets.isEmpty() || targets.stream().anyMatch(t -> t.wan() == WanState.COMMISSIONED_WAN)
                        ? toDcc(c).map(m -> targets.size() + m)
                        : Mono.just(targets.size()));
    }

    /**
     * Claims the next page after the last meter this instance claimed in the campaign (so a claim does not step
     * again over every meter already coded, whose index entries linger until vacuumed), and from the first meter
     * when nothing is left after it (a page rolled back, or another instance's).
     */
    private Mono<List<Target>> claimPage(Campaign c) {
        Position after = claimedUpTo.get(c.id());
        return claim(c, after)
                .collectList()
                .flatMap(targets -> targets.isEmpty() && after != null
                        ? Mono.fromRunnable(() -> claimedUpTo.remove(c.id()))
                                .then(claim(c, null).collectList())
                        : Mono.just(targets))
                .doOnNext(targets -> {
                    if (!targets.isEmpty()) {
                        Target last = targets.get(targets.size() - 1);
                        claimedUpTo.put(c.id(), new Position(last.priority(), last.deviceId()));
                    }
                });
    }

    private Flux<Target> claim(Campaign c, Position after) {
        var spec = db.sql("""
                        SELECT t.ctid::text AS row, t.device_id, t.customer_account_id, t.priority, d.eui64,
                          d.device_type, d.wan_state, d.ka_public_key,
                          EXISTS (SELECT 1 FROM push_device p WHERE p.supplier_id = t.supplier_id
                            AND p.customer_account_id = t.customer_account_id AND p.retired_at IS NULL) AS has_phone,
                          NOT EXISTS (SELECT 1 FROM customer_notice n WHERE n.notice_id = :notice
                            AND n.customer_account_id = t.customer_account_id) AS needs_notice
                        FROM campaign_target t JOIN device d ON d.supplier_id = t.supplier_id AND d.id = t.device_id
                        WHERE t.campaign_id = :c AND t.supplier_id = :s AND t.state = %s %s
                          AND EXISTS (SELECT 1 FROM campaign WHERE id = :c AND status = 'RUNNING')
                        ORDER BY t.priority, t.device_id LIMIT :n FOR UPDATE OF t SKIP LOCKED
                        """.formatted(
                                TargetState.PENDING.sql(),
                                after == null ? "" : "AND (t.priority, t.device_id) > (:afterPriority, :after)"))
                .bind("c", c.id())
                .bind("s", c.supplierId())
                .bind("n", properties.pageSize());
        spec = after == null
                ? spec
                : spec.bind("afterPriority", (short) after.priority()).bind("after", after.deviceId());
        spec = c.noticeId() == null ? spec.bindNull("notice", UUID.class) : spec.bind("notice", c.noticeId());
        return spec.map(row -> new Target(
                        row.get("device_id", UUID.class),
                        row.get("customer_account_id", UUID.class),
                        row.get("eui64", String.class),
                        DeviceType.valueOf(row.get("device_type", String.class)),
                        WanState.valueOf(row.get("wan_state", String.class)),
                        row.get("ka_public_key", String.class),
                        Boolean.TRUE.equals(row.get("has_phone", Boolean.class)),
                        Boolean.TRUE.equals(row.get("needs_notice", Boolean.class)),
                        ((Number) row.get("priority")).intValue(),
                        row.get("row", String.class)))
                .all();
    }

    private Mono<Void> process(Campaign c, List<Target> targets) {
        Instant now = now();
        MeterCommand command = MeterCommand.parse(c.command(), Parameters.of(c.parameters()));
        Instant expires = now.plus(issuing.expiry());
        if (c.isNotice() && c.endsAt().isBefore(expires)) {
            expires = c.endsAt();
        }
        Instant codeExpiry = expires;
        return suppliers.byId(c.supplierId()).flatMap(supplier -> {
            List<Done> done = new ArrayList<>();
            List<IssueIntent.CampaignCode> noWan = new ArrayList<>();
            Map<IssueIntent, Target> targetOf = new java.util.IdentityHashMap<>();
            for (Target t : targets) {
                if (t.wan() == WanState.COMMISSIONED_WAN) {
                    done.add(new Done(t, TargetState.DCC_PENDING, null, null));
                } else {
                    IssueIntent.CampaignCode intent = new IssueIntent.CampaignCode(
                            supplier,
                            t.deviceId(),
                            t.eui64(),
                            t.customerId(),
                            t.publicKey(),
                            command,
                            "campaign " + c.id() + ": " + c.reason(),
                            c.createdBy(),
                            codeExpiry);
                    noWan.add(intent);
                    targetOf.put(intent, t);
                }
            }
            // The ledger makes the codes (keys, counters, encoding, signatures) in this page's transaction.
            return ledger.issue(noWan).flatMap(issued -> {
                for (Ledger.Issued i : issued) {
                    Target t = targetOf.get(i.intent());
                    done.add(
                            i.code() == null
                                    ? new Done(
                                            t,
                                            TargetState.FAILED,
                                            null,
                                            i.refused().getMessage())
                                    : new Done(t, TargetState.CODED, i.code(), null));
                }
                return customerNotices(c, supplier, targets, now).flatMap(signed -> write(c, done, signed, now));
            });
        });
    }

    /** A notice signed for one customer. Immutable. */
    private record SignedNotice(UUID customerId, String envelope) {}

    private Mono<List<SignedNotice>> customerNotices(Campaign c, Supplier supplier, List<Target> targets, Instant now) {
        if (!c.isNotice()) {
            return Mono.just(List.of());
        }
        Map<UUID, Boolean> customers = new LinkedHashMap<>();
        targets.stream().filter(Target::needsNotice).forEach(t -> customers.put(t.customerId(), true));
        // One signature for the page's notices (a Merkle root): the leaves are cheap to write, so one thread does.
        return Mono.fromCallable(() -> {
                    List<UUID> ids = List.copyOf(customers.keySet());
                    List<String> leaves = new ArrayList<>(ids.size());
                    for (UUID customer : ids) {
                        leaves.add(notices.leaf(
                                supplier,
                                c.noticeId(),
                                customer,
                                c.startsAt(),
                                c.endsAt(),
                                c.title(),
                                c.message(),
                                now));
                    }
                    List<String> envelopes = notices.sign(supplier, leaves);
                    List<SignedNotice> signed = new ArrayList<>(ids.size());
                    for (int i = 0; i < ids.size(); i++) {
                        signed.add(new SignedNotice(ids.get(i), envelopes.get(i)));
                    }
                    return signed;
                })
                .subscribeOn(Schedulers.parallel());
    }

    private Mono<Void> write(Campaign c, List<Done> done, List<SignedNotice> signed, Instant now) {
        List<CodeRecord> codes =
                done.stream().filter(d -> d.code() != null).map(Done::code).toList();
        List<Outbox.Message> messages = new ArrayList<>(codes.size());
        String title = c.title() != null ? c.title() : "New prices for your meter";
        for (CodeRecord code : codes) {
            String body = c.isNotice()
                    ? c.message() + " Open Lifeline to enter the code that keeps your supply on."
                    : c.message() != null
                            ? c.message()
                            : "A code with your new prices is ready. Open Lifeline to enter it.";
            messages.add(CodeMessages.released(code, now, c.id(), title, body));
        }
        return insertNotices(c, signed, now)
                .flatMap(notices -> outbox.addAll(byCustomer(messages, notices)))
                .then(updateTargets(done, now))
                .then(Mono.defer(() -> auditPage(c, done, now)))
                .then(Mono.fromRunnable(() -> beforeCommit.run()));
    }

    /**
     * The page's messages with each customer's notice right after their codes, so the outbox (and the dispatcher,
     * which claims in that order) has a customer's code and notice side by side: the dispatcher sends the two to a
     * phone as one FCM message when it claims them together.
     */
    private static List<Outbox.Message> byCustomer(List<Outbox.Message> codes, List<Outbox.Message> notices) {
        Map<UUID, List<Outbox.Message>> all = new LinkedHashMap<>();
        codes.forEach(
                m -> all.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m));
        notices.forEach(
                m -> all.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m));
        return all.values().stream().flatMap(List::stream).toList();
    }

    /** Stores each customer's notice once (another page may have got there first): the messages for the new ones. */
    private Mono<List<Outbox.Message>> insertNotices(Campaign c, List<SignedNotice> signed, Instant now) {
        if (signed.isEmpty()) {
            return Mono.just(List.of());
        }
        Map<UUID, String> byCustomer = new HashMap<>();
        signed.forEach(s -> byCustomer.put(s.customerId(), s.envelope()));
        return db.sql("""
                        INSERT INTO customer_notice (notice_id, supplier_id, customer_account_id, envelope, ends_at,
                          created_at)
                        SELECT :notice, :s, cu::uuid, e, :ends, :now
                        FROM unnest(:customers::text[], %s) AS u(cu, e)
                        ON CONFLICT DO NOTHING
                        RETURNING customer_account_id
                        """.formatted(JoinedText.array("envelopes")))
                .bind("notice", c.noticeId())
                .bind("s", c.supplierId())
                .bind("ends", c.endsAt())
                .bind("now", now)
                .bind(
                        "customers",
                        signed.stream().map(s -> s.customerId().toString()).toArray(String[]::new))
                .bind(
                        "envelopes",
                        JoinedText.of(
                                signed.stream().map(SignedNotice::envelope).toArray(String[]::new)))
                .map(row -> row.get("customer_account_id", UUID.class))
                .all()
                .map(customer -> new Outbox.Message(
                        c.supplierId(),
                        customer,
                        Outbox.Kind.NOTICE,
                        c.noticeId(),
                        null,
                        byCustomer.get(customer),
                        c.title(),
                        c.message(),
                        true,
                        c.id(),
                        now,
                        Outbox.expiry(now, c.endsAt(), CodeMessages.LONGEST_TTL)))
                .collectList();
    }

    /**
     * {@link #updateTargets}' statement, run without sequential scans ({@link IndexPlans#withoutSequentialScans});
     * its parameters are now, rows, devices, states, codes, phones and errors.
     */
    static final String MARK_TARGETS = """
            UPDATE campaign_target t SET state = u.state, code_id = u.code::uuid, has_phone = u.phone,
              error = u.error, done_at = CASE WHEN u.state = %s THEN NULL ELSE :now END
            FROM unnest(:devices::text[], :states::text[], :codes::text[], :phones::boolean[],
              :errors::text[]) AS u(d, state, code, phone, error)
            WHERE t.ctid = ANY (:rows::tid[]) AND t.device_id = u.d::uuid
            """.formatted(TargetState.DCC_PENDING.sql());

    /**
     * Marks the page's targets done, read by the addresses the page's claim locked them at. Joined by the
     * campaign and device instead, while a campaign's targets were newer than the table's statistics, the planner
     * guessed a few targets for the campaign and hashed all of them: 100,000 rows read for each page of 500
     * (docs/performance.md). With the campaign in the condition too, the addresses were only a filter on that
     * read; forced into a nested loop, it compared every target with every value (TargetsPlanTest).
     */
    private Mono<Void> updateTargets(List<Done> done, Instant now) {
        int n = done.size();
        String[] rows = new String[n];
        String[] devices = new String[n];
        String[] states = new String[n];
        String[] codes = new String[n];
        Boolean[] phones = new Boolean[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Done d = done.get(i);
            rows[i] = d.target().row();
            devices[i] = d.target().deviceId().toString();
            states[i] = d.state().name();
            codes[i] = d.code() == null ? null : d.code().id().toString();
            phones[i] = d.target().hasPhone();
            errors[i] = d.error();
        }
        return IndexPlans.withoutSequentialScans(
                        db,
                        db.sql(MARK_TARGETS)
                                .bind("now", now)
                                .bind("rows", rows)
                                .bind("devices", devices)
                                .bind("states", states)
                                .bind("codes", codes)
                                .bind("phones", phones)
                                .bind("errors", errors)
                                .fetch()
                                .rowsUpdated()
                                .flux())
                .then();
    }

    private Mono<Void> auditPage(Campaign c, List<Done> done, Instant now) {
        List<List<Object>> codes = new ArrayList<>();
        long dccCount = 0;
        long failed = 0;
        for (Done d : done) {
            if (d.code() != null) {
                codes.add(List.of(
                        d.code().id().toString(), d.code().meterId(), d.code().counter()));
            } else if (d.state() == TargetState.FAILED) {
                failed++;
            } else {
                dccCount++;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("command", c.command());
        details.put("parameters", c.parameters());
        details.put("codes", codes);
        details.put("toDcc", dccCount);
        details.put("failed", failed);
        details.put("instance", INSTANCE);
        return audit.append(c.supplierId(), now, c.createdBy(), "campaign.codes.issued", "campaign:" + c.id(), details);
    }

    /** Hands the campaign's WAN meters to the DCC adapter, a page at a time, marking them DCC_SENT. */
    private Mono<Integer> toDcc(Campaign c) {
        return tx.transactional(db.sql("""
                                SELECT t.device_id, d.eui64 FROM campaign_target t
                                JOIN device d ON d.supplier_id = t.supplier_id AND d.id = t.device_id
                                WHERE t.campaign_id = :c AND t.state = %s
                                ORDER BY t.priority, t.device_id LIMIT :n FOR UPDATE OF t SKIP LOCKED
                                """.formatted(TargetState.DCC_PENDING.sql()))
                .bind("c", c.id())
                .bind("n", properties.pageSize())
                .map(row -> Map.entry(row.get("device_id", UUID.class), row.get("eui64", String.class)))
                .all()
                .collectList()
                .flatMap(meters -> meters.isEmpty()
                        ? Mono.just(0)
                        : Mono.fromCallable(() -> {
                                    for (Map.Entry<UUID, String> m : meters) {
                                        dcc.submit(new DccAdapter.ServiceRequest(
                                                UUID.nameUUIDFromBytes((c.id() + "/" + m.getKey())
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                                                c.supplierId(),
                                                m.getValue(),
                                                c.command(),
                                                c.parameters(),
                                                c.id()));
                                    }
                                    return meters.size();
                                })
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMap(n -> db.sql("""
                                                UPDATE campaign_target SET state = %s, done_at = :now
                                                WHERE campaign_id = :c AND device_id = ANY(:ids::uuid[])
                                                """.formatted(TargetState.DCC_SENT.sql()))
                                        .bind("c", c.id())
                                        .bind("now", now())
                                        .bind(
                                                "ids",
                                                meters.stream()
                                                        .map(m -> m.getKey().toString())
                                                        .toArray(String[]::new))
                                        .fetch()
                                        .rowsUpdated()
                                        .thenReturn(n))));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
