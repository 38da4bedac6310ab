package uk.lifeline.backend.delivery;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes what was said to customers' phones once it is older than {@code lifeline.retention.messages}: outbox
 * messages none of whose deliveries is PENDING or SENDING, with all their deliveries (SENT, FAILED, RETIRED,
 * EXPIRED, IN_DOUBT), and customers' signed copies of notices that ended that long ago (unless a campaign for the
 * notice is still running). A message with a delivery still waiting is never touched, however old. A phone retired
 * that long ago keeps its row, so its deliveries still say where they went, but loses its FCM token and its name.
 * Each batch is one statement of at most {@code batchSize} messages, notice copies or phones, locking with
 * {@code SKIP LOCKED}, so several instances may sweep at once and a sweep never holds up the dispatcher. Codes,
 * notices themselves, campaigns, live phones and the audit log are not touched. The notice copies are campaign's rows, deleted through
 * {@link NoticeCopies}. Thread-safe.
 */
@Component
public class DeliveryRetention extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);

    private final DatabaseClient db;
    private final RetentionProperties properties;
    private final Clock clock;
    private final NoticeCopies copies;

    public DeliveryRetention(DatabaseClient db, NoticeCopies copies, RetentionProperties properties, Clock clock) {
        super("delivery-retention", 1, properties.every(), properties.enabled());
        this.db = db;
        this.copies = copies;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Mono<Integer> work() {
        return step(clock.instant().minus(properties.messages()));
    }

    /**
     * One batch of each kind, for things older than {@code cutoff}: completes with how many rows it deleted or, for
     * retired phones, erased.
     */
    public Mono<Integer> step(Instant cutoff) {
        return messages(cutoff)
                .flatMap(m -> notices(cutoff).map(n -> m + n))
                .flatMap(mn -> phones(cutoff).map(p -> mn + p))
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info(
                                "Retention: deleted or erased {} phone message(s), notice copies and retired phones'"
                                        + " tokens from before {}",
                                n,
                                cutoff);
                    }
                });
    }

    /** Every batch until nothing older than {@code cutoff} is left to delete; completes with the rows deleted. */
    public Mono<Long> sweep(Instant cutoff) {
        return step(cutoff).repeat().takeUntil(n -> n == 0).reduce(0L, Long::sum);
    }

    private Mono<Integer> messages(Instant cutoff) {
        // The deliveries go in the same statement as their messages; the foreign key is checked at its end.
        return db.sql("""
                        WITH old AS (
                          SELECT m.id FROM outbox_message m
                          WHERE m.created_at < :cutoff
                            AND NOT EXISTS (SELECT 1 FROM push_delivery p WHERE p.message_id = m.id
                                              AND p.state IN ('PENDING', 'SENDING'))
                          ORDER BY m.created_at LIMIT :n FOR UPDATE SKIP LOCKED),
                        deliveries AS (DELETE FROM push_delivery p USING old WHERE p.message_id = old.id)
                        DELETE FROM outbox_message m USING old WHERE m.id = old.id
                        """)
                .bind("cutoff", cutoff)
                .bind("n", properties.batchSize())
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    /** Retired phones' tokens and names, retired before {@code cutoff}; the rows stay for their deliveries. */
    private Mono<Integer> phones(Instant cutoff) {
        return db.sql("""
                        WITH old AS (
                          SELECT id FROM push_device
                          WHERE retired_at IS NOT NULL AND token IS NOT NULL AND retired_at < :cutoff
                          ORDER BY retired_at LIMIT :n FOR UPDATE SKIP LOCKED)
                        UPDATE push_device d SET token = NULL, name = NULL FROM old WHERE d.id = old.id
                        """)
                .bind("cutoff", cutoff)
                .bind("n", properties.batchSize())
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    private Mono<Integer> notices(Instant cutoff) {
        return copies.deleteEndedBefore(cutoff, properties.batchSize());
    }
}
