package uk.lifeline.backend.database;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Plans a hot statement through its indexes whatever the statistics say: sequential scans (and, for a queue's claim,
 * sorts) priced out for that statement alone. A queue table that a first campaign fills from empty is planned as
 * empty until autovacuum analyses it (up to a minute and more), a queue's depth moves faster than its statistics
 * anyway, and a prepared statement keeps its plan: measured at 100,000 meters, the push claim then scanned every
 * delivery once per phone (698 ms a claim on average, 87 s at worst) and the reach ladder's scan took a second a
 * call. Only for statements whose every read has an index to use, and whose other sorts are small (a claim's window
 * over its batch): the settings price a plan out, they do not forbid one.
 */
public final class IndexPlans {

    private IndexPlans() {}

    /**
     * Prices sequential scans out for the current transaction and returns the setting they had. A CTE, so the old
     * setting is read before it is changed. Reading it from pg_settings' {@code reset_val} instead scanned every
     * setting the server has, about a millisecond a call.
     */
    private static final String SEQUENTIAL_SCANS_OFF = """
            WITH before AS MATERIALIZED (SELECT current_setting('enable_seqscan') AS was)
            SELECT was, set_config('enable_seqscan', 'off', true) FROM before
            """;

    /** Sets sequential scans back to what they were before {@link #SEQUENTIAL_SCANS_OFF}. */
    private static final String SEQUENTIAL_SCANS_BACK = "SELECT set_config('enable_seqscan', :was, true)";

    /**
     * Runs a statement inside the caller's transaction with sequential scans priced out for it alone (set back
     * after it to what they were before): for a statement that reads a page's rows by their addresses ({@code ctid
     * = ANY}), which a planner that guesses the table small would read in full instead.
     */
    public static <T> Flux<T> withoutSequentialScans(DatabaseClient db, Flux<T> statement) {
        return db.sql(SEQUENTIAL_SCANS_OFF)
                .map(row -> row.get("was", String.class))
                .one()
                .flatMapMany(was -> statement.concatWith(
                        db.sql(SEQUENTIAL_SCANS_BACK).bind("was", was).then().thenMany(Flux.empty())));
    }

    /**
     * Runs a statement in its own transaction with sequential scans and sorts priced out ({@code SET LOCAL
     * enable_seqscan = off}, {@code enable_sort = off}), so it reads its indexes in the order it asks for: a queue's
     * claim or scan, committed on its own.
     */
    public static <T> Flux<T> indexed(DatabaseClient db, TransactionalOperator tx, Flux<T> statement) {
        return tx.transactional(db.sql("SET LOCAL enable_seqscan = off")
                .then()
                .then(db.sql("SET LOCAL enable_sort = off").then())
                .thenMany(statement));
    }
}
