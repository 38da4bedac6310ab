package uk.lifeline.backend.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Group commit for issuing: concurrent issue requests of one supplier share a transaction. At most one batch per
 * supplier is in flight; requests that arrive meanwhile wait for it to finish and then go together (up to the
 * batch size), so a lone request starts at once and batches grow only as fast as requests queue up: no timer.
 * Nothing is answered before its batch commits. If the batch fails, each of its requests is retried in a
 * transaction of its own, and one that fails again on the database gets 503 service-unavailable (safe to retry
 * with the same Idempotency-Key). Thread-safe.
 */
final class IssueBatcher {

    private static final Logger log = LoggerFactory.getLogger(IssueBatcher.class);

    private final int batchSize;
    private final TransactionalOperator tx;
    private final BatchWriter writer;
    private final Function<Request, Mono<Outcome>> single;
    private final ConcurrentMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final DistributionSummary sizes;
    private final Counter failures;

    IssueBatcher(
            int batchSize,
            TransactionalOperator tx,
            BatchWriter writer,
            Function<Request, Mono<Outcome>> single,
            MeterRegistry metrics) {
        this.batchSize = batchSize;
        this.tx = tx;
        this.writer = writer;
        this.single = single;
        this.sizes = DistributionSummary.builder("lifeline.codes.batch.size")
                .description("issue requests per shared transaction")
                .register(metrics);
        this.failures = Counter.builder("lifeline.codes.batch.failures")
                .description("batches whose transaction failed, their requests retried one by one")
                .register(metrics);
    }

    Mono<Outcome> submit(Request request) {
        return Mono.create(sink ->
                lanes.computeIfAbsent(request.supplier().id(), Lane::new).add(new Item(request, sink)));
    }

    /** One supplier's queue and its batch in flight. */
    private final class Lane {
        private final UUID supplier;
        private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean busy = new AtomicBoolean();

        Lane(UUID supplier) {
            this.supplier = supplier;
        }

        void add(Item item) {
            queue.add(item);
            drain();
        }

        /** Starts a batch with what is queued, unless one is in flight (it drains again when it ends). */
        private void drain() {
            while (!queue.isEmpty() && busy.compareAndSet(false, true)) {
                List<Item> items = new ArrayList<>();
                for (Item item; items.size() < batchSize && (item = queue.poll()) != null; ) {
                    items.add(item);
                }
                if (items.isEmpty()) {
                    busy.set(false);
                    continue;
                }
                IssueBatch batch = new IssueBatch(supplier, items);
                sizes.record(items.size());
                tx.transactional(writer.write(batch))
                        .doOnSuccess(done -> answer(batch))
                        .onErrorResume(e -> {
                            retryAlone(batch, e);
                            return Mono.empty();
                        })
                        .doFinally(signal -> {
                            busy.set(false);
                            drain();
                        })
                        .subscribe();
                return;
            }
        }

        private void answer(IssueBatch batch) {
            for (Item item : batch.items) {
                if (item.again) {
                    // Same user and key as an earlier request of this batch: the next batch finds its answer.
                    queue.add(new Item(item.request, item.sink));
                } else if (item.error != null) {
                    item.sink.error(item.error);
                } else {
                    item.sink.success(item.outcome);
                }
            }
        }

        private void retryAlone(IssueBatch batch, Throwable why) {
            failures.increment();
            log.warn(
                    "a batch of {} issue requests failed; retrying them one by one: {}",
                    batch.items.size(),
                    why.toString());
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
