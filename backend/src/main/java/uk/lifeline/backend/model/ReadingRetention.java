package uk.lifeline.backend.model;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.LoopLifecycle;
import uk.lifeline.backend.delivery.RetentionProperties;

/**
 * Deletes balances read off meters' displays once they are older than {@code lifeline.retention.readings}: the
 * forecast reads only its look-back, and a customer's reading of their own meter is personal data kept no longer
 * than it is used (the audit log keeps the report itself). Batches of {@code batchSize}, oldest first, with
 * {@code SKIP LOCKED}, on the retention schedule ({@code lifeline.retention.every}, {@code .enabled}). Thread-safe.
 */
@Component
public class ReadingRetention extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadingRetention.class);

    private final DatabaseClient db;
    private final RetentionProperties properties;
    private final Clock clock;

    ReadingRetention(DatabaseClient db, RetentionProperties properties, Clock clock) {
        super("reading-retention", 1, properties.every(), properties.enabled());
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Mono<Integer> work() {
        return step(clock.instant().minus(properties.readings()));
    }

    /** One batch of readings taken before {@code cutoff}: completes with how many it deleted. */
    public Mono<Integer> step(Instant cutoff) {
        return db.sql("""
                        WITH old AS (
                          SELECT supplier_id, device_id, read_at FROM meter_reading WHERE read_at < :cutoff
                          ORDER BY read_at LIMIT :n FOR UPDATE SKIP LOCKED)
                        DELETE FROM meter_reading r USING old
                        WHERE r.supplier_id = old.supplier_id AND r.device_id = old.device_id
                          AND r.read_at = old.read_at
                        """)
                .bind("cutoff", cutoff)
                .bind("n", properties.batchSize())
                .fetch()
                .rowsUpdated()
                .map(Long::intValue)
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Retention: deleted {} meter reading(s) from before {}", n, cutoff);
                    }
                });
    }
}
