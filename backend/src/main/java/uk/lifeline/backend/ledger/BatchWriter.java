package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.audit.AuditHash;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.database.JoinedText;
import uk.lifeline.backend.database.Rows;
import uk.lifeline.backend.delivery.Outbox;
import uk.lifeline.backend.ledger.IssueBatch.Item;
import uk.lifeline.backend.ledger.IssueIntent.Request;
import uk.lifeline.backend.ledger.Ledger.Outcome;
import uk.lifeline.backend.model.MeterModelService;

/**
 * Writes a batch of issue requests in the caller's transaction, with the same rules as one request alone
 * ({@link SingleIssue}) and a handful of statements for the whole batch instead of seven per code:
 *
 * <ol>
 *   <li>lock the counter rows of the batch's meters (in meter order, so batches cannot deadlock), with today's
 *       released top-ups kept on them (V30), read the meters' modelled states, and look up the batch's
 *       Idempotency-Keys: a key already used gets its stored answer (or idempotency-key-reused);
 *   <li>only for a meter whose kept sum is of another day (its first top-up of the day): count today's top-ups
 *       from the codes, a statement after the locks, so it sees every code committed before them;
 *   <li>in Java, per request: the model check, the counter window, the limits (earlier codes of the batch for the
 *       same meter count), the counter (consecutive per meter, so a refused request leaves no gap); then encoding,
 *       envelope signing and JSON on all cores;
 *   <li>only then lock the audit chain heads the batch writes to (chain order) and compute the hash chain across
 *       the batch: the heads are held for the writes and the commit alone. Batches of one lane running at once
 *       have codes on disjoint chains ({@link IssueBatch#idForSlot}), so they do not wait for each other's heads;
 *       other instances' batches and other writers of a code's chain may;
 *   <li>one statement inserts the codes, idempotency records, audit entries and the released codes' outbox
 *       messages with their deliveries ({@link Outbox#batchInStatement}), and moves the chain heads and counters.
 * </ol>
 *
 * Locks are always taken counters first (meter order), heads second (chain order), so batches in flight together
 * cannot deadlock: one waits for the other's commit.
 *
 * A request that fails a rule gets its problem and the others go ahead; a statement that fails fails the
 * transaction, and {@link IssueBatcher} retries its requests one by one. Thread-safe.
 */
@Component
class BatchWriter {

    private static final String LOCK_AND_FIND_KEYS = """
            WITH locked AS (
              SELECT device_id, next_counter, highest_accepted, topups_since, topups_pence FROM code_counter
              WHERE supplier_id = :supplier AND device_id = ANY(:devices::text[]::uuid[])
              ORDER BY device_id FOR UPDATE)
            SELECT 'c' AS kind, device_id::text AS id, next_counter AS n, highest_accepted AS m, NULL::bytea AS h,
              NULL::int AS s, NULL::text AS b, topups_since IS NOT DISTINCT FROM :since AS t, topups_pence AS p,
              NULL::text AS src
            FROM locked
            UNION ALL
            SELECT 'i', r.user_id::text || ' ' || r.key, NULL, NULL, r.request_hash, r.http_status, r.response_body,
              NULL, NULL, NULL
            FROM idempotency_record r
            JOIN unnest(:users::text[]::uuid[], :keys::text[]) AS u(usr, k) ON r.user_id = u.usr AND r.key = u.k
            WHERE r.supplier_id = :supplier
            UNION ALL
            SELECT 'm', device_id::text, NULL, NULL, NULL, NULL, state::text, NULL, NULL, source FROM meter_model
            WHERE supplier_id = :supplier AND device_id = ANY(:devices::text[]::uuid[])
            """;

    private static final String LOCK_HEADS = """
            SELECT chain::text AS id, seq AS n, hash AS h FROM audit_head
            WHERE supplier_id = :supplier AND chain = ANY(:chains::int[])
            ORDER BY chain FOR UPDATE
            """;

    private static final String INSERT = """
            WITH c AS (
              INSERT INTO code (id, supplier_id, device_id, customer_account_id, command, parameters, amount_pence,
                blocks, counter, reason, status, needs_approval, approval_reasons, issued_by, issued_at,
                expires_at, envelope, updated_at)
              SELECT u.id::uuid, :supplier, u.device::uuid, u.customer::uuid, u.command, u.parameters::jsonb,
                u.amount::bigint, %s, u.counter::bigint, u.reason, u.status, u.approval::boolean,
                u.reasons::jsonb, u.usr::uuid, :at, :expires, u.envelope, :at
              FROM unnest(:ids::text[], :devices::text[], :customers::text[], :commands::text[], :parameters::text[],
                :amounts::text[], :blocks::text[], :counters::text[], :reasons::text[],
                :statuses::text[], :approvals::text[], :approvalReasons::text[], :users::text[], %s)
                AS u(id, device, customer, command, parameters, amount, blocks, counter, reason, status,
                  approval, reasons, usr, envelope)
              RETURNING 1),
            i AS (
              INSERT INTO idempotency_record (supplier_id, user_id, key, request_hash, http_status, response_body)
              SELECT :supplier, u.usr::uuid, u.k, decode(u.h, 'hex'), u.s::int, u.b
              FROM unnest(:users::text[], :keys::text[], :hashes::text[], :https::text[], %s)
                AS u(usr, k, h, s, b)
              RETURNING 1),
            %s,
            k AS (
              UPDATE code_counter SET next_counter = u.n::bigint,
                topups_since = coalesce(u.since::timestamptz, topups_since),
                topups_pence = coalesce(u.pence::bigint, topups_pence)
              FROM unnest(:counterDevices::text[], :nexts::text[], :sinces::text[], :pences::text[])
                AS u(d, n, since, pence)
              WHERE code_counter.supplier_id = :supplier AND code_counter.device_id = u.d::uuid
              RETURNING 1),
            %s
            SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM i) + (SELECT count(*) FROM audit_rows) AS rows,
              (SELECT count(*) FROM audit_heads) AS heads, (SELECT count(*) FROM k) AS counters
            """.formatted(
                    StoredBlocks.SPLIT.formatted("u.blocks"),
                    JoinedText.array("envelopes"),
                    JoinedText.array("bodies"),
                    AuditLog.batchAppendInStatement(),
                    Outbox.batchInStatement());

    /**
     * A meter's counter row, locked, with its kept sum of released top-ups (V30) and whether that sum is of the
     * day the batch issues in (its {@code topups_since} is that day's start; false when never counted).
     */
    private record Counter(long next, long highestAccepted, boolean topUpsToday, long topUpsPence) {}

    /** The counter rows locked, by meter id, and the meters' modelled states (state and source). */
    private record Locked(Map<String, Counter> counters, Map<String, String[]> models) {}

    /** A chain head, locked. */
    private record Head(long seq, byte[] hash) {}

    /**
     * What the batch knows before its rules run: today's top-ups counted again for the meters whose kept sum is of
     * another day (they are moved to today in the batch's insert), and the modelled states.
     */
    private record State(Instant startOfDay, Map<String, Long> recounted, Map<String, String[]> models) {

        /** The meter's released top-ups today before the batch's. */
        long today(String device, Counter counter) {
            return counter.topUpsToday() ? counter.topUpsPence() : recounted.getOrDefault(device, 0L);
        }
    }

    private final DatabaseClient db;
    private final ApprovalPolicy policy;
    private final Envelopes envelopes;
    private final AuditLog audit;
    private final IssuingProperties properties;
    private final ObjectMapper json;
    private final MeterModelService models;
    private final Clock clock;

    BatchWriter(
            DatabaseClient db,
            ApprovalPolicy policy,
            Envelopes envelopes,
            AuditLog audit,
            IssuingProperties properties,
            ObjectMapper json,
            MeterModelService models,
            Clock clock) {
        this.db = db;
        this.policy = policy;
        this.envelopes = envelopes;
        this.audit = audit;
        this.properties = properties;
        this.json = json;
        this.models = models;
        this.clock = clock;
    }

    /** Sets every item's outcome or error (or marks it to go again); to be run in a transaction. */
    Mono<Void> write(IssueBatch batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant startOfDay = IssueRules.startOfDay(now, properties);
        return lockAndFindKeys(batch, startOfDay).flatMap(locked -> {
            if (batch.fresh().isEmpty()) {
                return Mono.empty();
            }
            return readState(batch, locked, startOfDay)
                    .publishOn(Schedulers.parallel())
                    .flatMap(state -> {
                        decide(batch, locked.counters(), state, now);
                        List<Item> made = batch.made();
                        if (made.isEmpty()) {
                            return Mono.empty();
                        }
                        return sign(made)
                                .then(Mono.fromCallable(() -> {
                                    finish(made);
                                    return made;
                                }))
                                .flatMap(signed -> lockHeads(batch, signed))
                                .map(heads -> insertSpec(batch, made, heads, state, now))
                                .flatMap(spec -> spec.map(row -> new long[] {
                                            row.get("rows", Long.class),
                                            row.get("heads", Long.class),
                                            row.get("counters", Long.class)
                                        })
                                        .one())
                                .flatMap(counts -> check(counts, made));
                    });
        });
    }

    private Mono<Locked> lockAndFindKeys(IssueBatch batch, Instant startOfDay) {
        List<Item> fresh = batch.fresh();
        String[] users = new String[fresh.size()];
        String[] keys = new String[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) {
            users[i] = fresh.get(i).request.caller().userId().toString();
            keys[i] = fresh.get(i).request.key();
        }
        Map<String, Counter> counters = new HashMap<>();
        Map<String, String[]> models = new HashMap<>();
        Map<String, Idempotency.Row> stored = new HashMap<>();
        return db.sql(LOCK_AND_FIND_KEYS)
                .bind("supplier", batch.supplierId)
                .bind("devices", batch.devices())
                .bind("users", users)
                .bind("keys", keys)
                .bind("since", startOfDay)
                .map(row -> {
                    String id = row.get("id", String.class);
                    String kind = row.get("kind", String.class);
                    if ("m".equals(kind)) {
                        models.put(id, new String[] {row.get("b", String.class), row.get("src", String.class)});
                    } else if ("c".equals(kind)) {
                        counters.put(
                                id,
                                new Counter(
                                        row.get("n", Long.class),
                                        row.get("m", Long.class),
                                        row.get("t", Boolean.class),
                                        row.get("p", Long.class)));
                    } else {
                        stored.put(
                                id,
                                new Idempotency.Row(
                                        id.substring(id.indexOf(' ') + 1),
                                        Rows.bytes(row.get("h")),
                                        row.get("s", Integer.class),
                                        row.get("b", String.class)));
                    }
                    return id;
                })
                .all()
                .then(Mono.fromCallable(() -> {
                    for (Item item : fresh) {
                        Idempotency.Row row = stored.get(item.userKey());
                        if (row != null) {
                            try {
                                item.outcome = IssueRules.replayed(row, item.request.hash(), json);
                            } catch (RuntimeException | JsonProcessingException e) {
                                item.error = e;
                            }
                        }
                    }
                    return new Locked(counters, models);
                }));
    }

    private Mono<State> readState(IssueBatch batch, Locked locked, Instant startOfDay) {
        Map<String, Counter> counters = locked.counters();
        TreeSet<String> recount = new TreeSet<>();
        for (Item item : batch.fresh()) {
            String device = item.request.meter().id().toString();
            Counter counter = counters.get(device);
            if (policy.needsDailyTotal(item.request.caller().role(), item.request.command())
                    && counter != null
                    && !counter.topUpsToday()) {
                recount.add(device);
            }
        }
        Map<String, Long> today = new HashMap<>();
        for (String device : recount) {
            today.put(device, 0L);
        }
        if (recount.isEmpty()) {
            return Mono.just(new State(startOfDay, today, locked.models()));
        }
        return db.sql(CodeStore.TOP_UPS_SINCE)
                .bind("supplier", batch.supplierId)
                .bind("limited", recount.toArray(String[]::new))
                .bind("since", startOfDay)
                .map((Readable row) -> {
                    String id = row.get("device_id", UUID.class).toString();
                    today.put(id, row.get("total", Long.class));
                    return id;
                })
                .all()
                .then(Mono.fromSupplier(() -> new State(startOfDay, today, locked.models())));
    }

    /** Locks the heads of the chains the codes made go to, in chain order, and reads them. */
    private Mono<Map<String, Head>> lockHeads(IssueBatch batch, List<Item> made) {
        TreeSet<Integer> chains = new TreeSet<>();
        made.forEach(item -> chains.add(AuditLog.chainOf(CodeRecord.auditSubject(item.made.id()))));
        Map<String, Head> heads = new HashMap<>();
        return db.sql(LOCK_HEADS)
                .bind("supplier", batch.supplierId)
                .bind("chains", chains.toArray(Integer[]::new))
                .map(row -> {
                    String id = row.get("id", String.class);
                    heads.put(id, new Head(row.get("n", Long.class), Rows.bytes(row.get("h"))));
                    return id;
                })
                .all()
                .then(Mono.fromSupplier(() -> heads));
    }

    /** The rules, request by request, and a counter for each request that passes them. */
    private void decide(IssueBatch batch, Map<String, Counter> counters, State state, Instant now) {
        batch.byMeter().forEach((device, items) -> {
            String id = device.toString();
            Counter counter = counters.get(id);
            long next = counter == null ? -1 : counter.next();
            long today = counter == null ? 0 : state.today(id, counter);
            String[] model = state.models().get(id);
            for (Item item : items) {
                Request r = item.request;
                try {
                    if (counter == null) {
                        throw new IllegalStateException("meter " + r.meter().eui64() + " has no counter");
                    }
                    if (model != null) {
                        checkModel(r, model, now);
                    }
                    if (next > counter.highestAccepted() + properties.counterWindow()) {
                        throw IssueRules.windowExhausted(
                                r.meter(), next, counter.highestAccepted(), properties.counterWindow());
                    }
                    long todaySoFar = policy.needsDailyTotal(r.caller().role(), r.command()) ? today : 0;
                    ApprovalPolicy.Decision decision = policy.decide(r.caller().role(), r.command(), todaySoFar);
                    item.made = IssueRules.newCode(r, item.id(), next, decision, properties, now);
                    next++;
                    if (item.made.status() == CodeStatus.ISSUED && item.made.amountPence() != null) {
                        today += item.made.amountPence();
                    }
                } catch (RuntimeException e) {
                    item.error = e;
                }
            }
        });
    }

    /** {@link MeterModelService#check} reads nothing and completes at once, so its verdict is taken here. */
    private void checkModel(Request r, String[] model, Instant now) {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        models.check(r.meter().eui64().toString(), r.command(), now, model[0], model[1])
                .subscribe(null, refused::set);
        if (refused.get() instanceof RuntimeException e) {
            throw e;
        }
    }

    /**
     * Signs the released codes' envelopes: their leaves written on all cores, then one signature for the batch (a
     * Merkle root: {@link Envelopes}).
     */
    private Mono<Void> sign(List<Item> made) {
        List<Item> issued =
                made.stream().filter(i -> i.made.status() == CodeStatus.ISSUED).toList();
        if (issued.isEmpty()) {
            return Mono.empty();
        }
        String[] leaves = new String[issued.size()];
        int parts = Math.min(issued.size(), Runtime.getRuntime().availableProcessors());
        return Flux.range(0, parts)
                .flatMap(p -> Mono.fromRunnable(() -> {
                            for (int i = p * issued.size() / parts; i < (p + 1) * issued.size() / parts; i++) {
                                Item item = issued.get(i);
                                leaves[i] = envelopes.leaf(item.request.supplier(), item.made);
                            }
                        })
                        .subscribeOn(Schedulers.parallel()))
                .then(Mono.fromRunnable(() -> {
                    List<String> signed = envelopes.sign(issued.get(0).request.supplier(), Arrays.asList(leaves));
                    for (int i = 0; i < issued.size(); i++) {
                        Item item = issued.get(i);
                        item.made = item.made.withEnvelope(signed.get(i));
                    }
                }));
    }

    /** The answer and audit entry of each code made. */
    private void finish(List<Item> made) throws JsonProcessingException {
        for (Item item : made) {
            CodeView view = CodeView.of(item.made);
            item.outcome = new Outcome(IssueRules.httpStatus(item.made), view, false);
            item.body = json.writeValueAsString(view);
            item.entry = IssueRules.auditEntry(audit, item.made);
        }
    }

    private DatabaseClient.GenericExecuteSpec insertSpec(
            IssueBatch batch, List<Item> made, Map<String, Head> locked, State state, Instant now) {
        int n = made.size();
        String[] ids = new String[n],
                devices = new String[n],
                customers = new String[n],
                commands = new String[n],
                parameters = new String[n],
                amounts = new String[n],
                blocks = new String[n],
                codeCounters = new String[n],
                reasons = new String[n],
                statuses = new String[n],
                approvals = new String[n],
                approvalReasons = new String[n],
                users = new String[n],
                envelopes = new String[n],
                keys = new String[n],
                hashes = new String[n],
                https = new String[n],
                bodies = new String[n],
                chains = new String[n],
                seqs = new String[n],
                entries = new String[n],
                prevs = new String[n],
                links = new String[n];
        Map<String, Head> heads = new HashMap<>(locked);
        Map<String, Long> nexts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Item item = made.get(i);
            CodeRecord c = item.made;
            ids[i] = c.id().toString();
            devices[i] = c.deviceId().toString();
            customers[i] = c.customerAccountId().toString();
            commands[i] = c.command();
            parameters[i] = write(c.parameters());
            amounts[i] = c.amountPence() == null ? null : c.amountPence().toString();
            blocks[i] = StoredBlocks.packed(c.blocks());
            codeCounters[i] = Long.toString(c.counter());
            reasons[i] = c.reason();
            statuses[i] = c.status().name();
            approvals[i] = Boolean.toString(c.needsApproval());
            approvalReasons[i] = write(c.approvalReasons());
            users[i] = c.issuedBy().toString();
            envelopes[i] = c.envelope();
            keys[i] = item.request.key();
            hashes[i] = IssueBatch.HEX.formatHex(item.request.hash());
            https[i] = Integer.toString(item.outcome.status().value());
            bodies[i] = item.body;
            // The audit chain, computed here under the heads' locks: each entry links to the one before it.
            String chain = Integer.toString(AuditLog.chainOf(CodeRecord.auditSubject(c.id())));
            Head head = heads.get(chain);
            if (head == null) {
                throw new IllegalStateException("supplier " + batch.supplierId + " has no audit head " + chain);
            }
            long seq = head.seq() + 1;
            byte[] link = AuditHash.link(head.hash(), seq, item.entry);
            chains[i] = chain;
            seqs[i] = Long.toString(seq);
            entries[i] = item.entry;
            prevs[i] = IssueBatch.HEX.formatHex(head.hash());
            links[i] = IssueBatch.HEX.formatHex(link);
            heads.put(chain, new Head(seq, link));
            nexts.merge(c.deviceId().toString(), c.counter() + 1, Math::max);
        }
        List<String> moved = heads.keySet().stream()
                .filter(k -> heads.get(k) != locked.get(k))
                .toList();
        String[] headChains = moved.toArray(String[]::new);
        String[] headFrom = new String[moved.size()],
                headSeqs = new String[moved.size()],
                headPrevs = new String[moved.size()],
                headHashes = new String[moved.size()];
        for (int i = 0; i < moved.size(); i++) {
            Head before = locked.get(moved.get(i));
            Head after = heads.get(moved.get(i));
            headFrom[i] = Long.toString(before.seq());
            headSeqs[i] = Long.toString(after.seq());
            // prev_hash is the hash of the entry before the newest: the last link's previous.
            headPrevs[i] = prevs[lastIndexOf(chains, moved.get(i))];
            headHashes[i] = IssueBatch.HEX.formatHex(after.hash());
        }
        String[] counterDevices = nexts.keySet().toArray(String[]::new);
        String[] nextCounters = new String[counterDevices.length];
        String[] sinces = new String[counterDevices.length];
        String[] pences = new String[counterDevices.length];
        for (int i = 0; i < counterDevices.length; i++) {
            nextCounters[i] = Long.toString(nexts.get(counterDevices[i]));
            // A meter counted again moves its kept sum to today; the insert's trigger then adds the batch's codes.
            Long recounted = state.recounted().get(counterDevices[i]);
            if (recounted != null) {
                sinces[i] = state.startOfDay().toString();
                pences[i] = recounted.toString();
            }
        }
        // Each released code's message to the customer's phones, written by the same statement.
        List<Outbox.Message> messages = made.stream()
                .filter(i -> i.made.status() == CodeStatus.ISSUED)
                .map(i -> CodeMessages.released(i.made, now))
                .toList();
        return Outbox.bindAll(db.sql(INSERT), messages)
                .bind("supplier", batch.supplierId)
                .bind("at", now)
                .bind("expires", now.plus(properties.expiry()))
                .bind("ids", ids)
                .bind("devices", devices)
                .bind("customers", customers)
                .bind("commands", commands)
                .bind("parameters", parameters)
                .bind("amounts", amounts)
                .bind("blocks", blocks)
                .bind("counters", codeCounters)
                .bind("reasons", reasons)
                .bind("statuses", statuses)
                .bind("approvals", approvals)
                .bind("approvalReasons", approvalReasons)
                .bind("users", users)
                .bind("envelopes", JoinedText.of(envelopes))
                .bind("keys", keys)
                .bind("hashes", hashes)
                .bind("https", https)
                .bind("bodies", JoinedText.of(bodies))
                .bind("chains", chains)
                .bind("seqs", seqs)
                .bind("entries", JoinedText.of(entries))
                .bind("prevs", prevs)
                .bind("links", links)
                .bind("headChains", headChains)
                .bind("headFrom", headFrom)
                .bind("headSeqs", headSeqs)
                .bind("headPrevs", headPrevs)
                .bind("headHashes", headHashes)
                .bind("counterDevices", counterDevices)
                .bind("nexts", nextCounters)
                .bind("sinces", sinces)
                .bind("pences", pences);
    }

    /** Every row written and every head and counter moved from where it was locked, or the batch fails. */
    private Mono<Void> check(long[] counts, List<Item> made) {
        long devices = made.stream().map(i -> i.made.deviceId()).distinct().count();
        long chains = made.stream()
                .map(i -> AuditLog.chainOf(CodeRecord.auditSubject(i.made.id())))
                .distinct()
                .count();
        if (counts[0] != 3L * made.size() || counts[1] != chains || counts[2] != devices) {
            return Mono.error(new IllegalStateException("a batch of " + made.size() + " codes wrote " + counts[0]
                    + " rows, moved " + counts[1] + " audit heads of " + chains + " and " + counts[2] + " counters of "
                    + devices));
        }
        return Mono.empty();
    }

    private static int lastIndexOf(String[] values, String value) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (value.equals(values[i])) {
                return i;
            }
        }
        throw new IllegalArgumentException(value);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
