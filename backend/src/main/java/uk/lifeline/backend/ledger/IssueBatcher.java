package uk.lifeline.backend.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.DatabaseFailures;
import uk.lifeline.backend.ledger.IssueBatch.Item;
import uk.lifeline.backend.ledger.IssueIntent.Request;
import uk.lifeline.backend.ledger.Ledger.Outcome;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ConstraintProblems;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Group commit for issuing: concurrent issue requests of one supplier share a transaction. Up to
 * {@code inFlight} batches per supplier run at once (two by default: one signs while the other writes and
 * commits, {@link BatchWriter}); requests that arrive meanwhile wait for one to finish and then go together (up to
 * the batch size), so a lone request starts at once and batches grow only as fast as requests queue up: no timer.
 * A request whose user and Idempotency-Key are in a batch in flight waits for that batch, so one key is never in
 * two transactions at once and the second gets the first one's stored answer. Nothing is answered before its
 * batch commits. If the batch fails, each of its requests is retried in a transaction of its own, and one that
 * fails again on the database gets 503 service-unavailable (safe to retry with the same Idempotency-Key).
 * Thread-safe.
 */
final class IssueBatcher {

    private static final Logger log = LoggerFactory.getLogger(IssueBatcher.class);

    private final int batchSize;
    private final int inFlight;
    private final TransactionalOperator tx;
    private final BatchWriter writer;
    private final Function<Request, Mono<Outcome>> single;
    private final ConcurrentMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final DistributionSummary sizes;
    private final DistributionSummary overlap;
    private final Counter failures;

    IssueBatcher(
            int batchSize,
            int inFlight,
            TransactionalOperator tx,
            BatchWriter writer,
            Function<Request, Mono<Outcome>> single,
            MeterRegistry metrics) {
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.tx = tx;
        this.writer = writer;
        this.single = single;
        this.sizes = DistributionSummary.builder("lifeline.codes.batch.size")
                .description("issue requests per shared transaction")
                .register(metrics);
        this.overlap = DistributionSummary.builder("lifeline.codes.batch.running")
                .description("one supplier's batches running as each starts, itself included")
                .register(metrics);
        this.failures = Counter.builder("lifeline.codes.batch.failures")
                .description("batches whose transaction failed, their requests retried one by one")
                .register(metrics);
    }

    Mono<Outcome> submit(Request request) {
        return Mono.create(sink ->
                lanes.computeIfAbsent(request.supplier().id(), Lane::new).add(new Item(request, sink)));
    }

    /** The requests a batch takes from its lane's queue, and the slot it holds while it runs. */
    private record Taken(List<Item> items, int slot) {}

    /** One supplier's queue and its batches in flight. */
    private final class Lane {
        private final UUID supplier;
        private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
        /** Guarded by this lane: which slots a running batch holds, and the user-and-key pairs they hold. */
        private final boolean[] slotsTaken = new boolean[inFlight];

        private final Set<String> keysRunning = new HashSet<>();

        Lane(UUID supplier) {
            this.supplier = supplier;
        }

        void add(Item item) {
            queue.add(item);
            drain();
        }

        /** Starts batches with what is queued while fewer than {@code inFlight} run (each drains again as it ends). */
        private void drain() {
            for (Taken taken; (taken = next()) != null; ) {
                // Built outside the lane's lock: each code's id is drawn from the slot's chains.
                IssueBatch started = new IssueBatch(supplier, taken.items, taken.slot, inFlight);
                sizes.record(started.items.size());
                // Each ending runs once (an exception while answering is not a failed batch to retry), and the
                // next batch starts before this one's answers go out: answering runs the requests' responses on
                // this thread, and the lane need not wait for them.
                tx.transactional(writer.write(started))
                        .subscribe(
                                null,
                                e -> {
                                    finished(started);
                                    drain();
                                    retryAlone(started, e);
                                },
                                () -> {
                                    finished(started);
                                    requeueAgain(started);
                                    drain();
                                    answer(started);
                                });
            }
        }

        /**
         * The next batch's requests and slot, or null when every slot is taken or nothing can go: a request whose
         * key is in a running batch stays queued (the batch's end drains again, under this lock, so it is never
         * stranded).
         */
        private synchronized Taken next() {
            int slot = 0;
            while (slot < inFlight && slotsTaken[slot]) {
                slot++;
            }
            if (slot == inFlight) {
                return null;
            }
            List<Item> items = new ArrayList<>();
            List<Item> waiting = new ArrayList<>();
            for (Item item; items.size() < batchSize && (item = queue.poll()) != null; ) {
                (keysRunning.contains(item.userKey()) ? waiting : items).add(item);
            }
            queue.addAll(waiting);
            if (items.isEmpty()) {
                return null;
            }
            slotsTaken[slot] = true;
            int running = 0;
            for (boolean taken : slotsTaken) {
                running += taken ? 1 : 0;
            }
            overlap.record(running);
            items.forEach(item -> keysRunning.add(item.userKey()));
            return new Taken(items, slot);
        }

        private synchronized void finished(IssueBatch batch) {
            slotsTaken[batch.slot] = false;
            batch.items.forEach(item -> keysRunning.remove(item.userKey()));
        }

        /** Same user and key as an earlier request of the batch: the next batch finds its stored answer. */
        private void requeueAgain(IssueBatch batch) {
            for (Item item : batch.items) {
                if (item.again) {
                    queue.add(new Item(item.request, item.sink));
                }
            }
        }

        private void answer(IssueBatch batch) {
            for (Item item : batch.items) {
                if (item.again) {
                    continue;
                } else if (item.error != null) {
                    item.sink.error(item.error);
                } else {
                    item.sink.success(item.outcome);
                }
            }
        }

        private void retryAlone(IssueBatch batch, Throwable why) {
            failures.increment();
            // A database's refusal (a deadlock, a lost connection) is expected now and then; anything else is a bug
            // that the one-by-one retry would hide, so it is logged with its stack.
            boolean database = why instanceof DataAccessException || why instanceof io.r2dbc.spi.R2dbcException;
            log.warn(
                    "a batch of {} issue requests failed; retrying them one by one: {}",
                    batch.items.size(),
                    why.toString(),
                    database ? null : why);
            for (Item item : batch.items) {
                single.apply(item.request)
                        .onErrorMap(
                                e -> (e instanceof DataAccessException || e instanceof io.r2dbc.spi.R2dbcException)
                                        && ConstraintProblems.of(e) == null
                                        && !DatabaseFailures.unavailable(e),
                                e -> new ApiException(
                                        ProblemType.SERVICE_UNAVAILABLE,
                                        "the code could not be"
                                                + " written just now and nothing was issued; send the same request again"
                                                + " with the same Idempotency-Key"))
                        .subscribe(item.sink::success, item.sink::error);
            }
        }
    }
}
