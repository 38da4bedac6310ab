package uk.lifeline.backend.database;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Runs a queue's hot statement in its own transaction with sequential scans and sorts priced out ({@code SET LOCAL
 * enable_seqscan = off}, {@code enable_sort = off}), so it is planned through its indexes, reading them in the
 * order it asks for, whatever the statistics say. A queue table that a first campaign fills from empty is planned
 * as empty until autovacuum analyses it (up to a minute and more), a queue's depth moves faster than its
 * statistics anyway, and a prepared statement keeps its plan: measured at 100,000 meters, the push claim then scanned every delivery once
 * per phone (698 ms a claim on average, 87 s at worst) and the reach ladder's scan took a second a call. Only for
 * statements whose every read has an index to use, and whose other sorts are small (a claim's window over its
 * batch): the settings price a plan out, they do not forbid one.
 */
public final class IndexPlans {

    private IndexPlans() {}

    /** Prices sequential scans out for the current transaction ('off'), or sets them back ('reset_val'). */
    private static final String SEQUENTIAL_SCANS =
            "SELECT set_config(name, %s, true) FROM pg_settings WHERE name = 'enable_seqscan'";

    /**
     * Runs a statement inside the caller's transaction with sequential scans priced out for it alone (set back to
     * the server's setting after it): for a statement that reads a page's rows by their addresses ({@code ctid =
     * ANY}), which a planner that guesses the table small would read in full instead.
     */
    public static <T> Flux<T> withoutSequentialScans(DatabaseClient db, Flux<T> statement) {
        return db.sql(SEQUENTIAL_SCANS.formatted("'off'"))
                .then()
                .thenMany(statement)
                .concatWith(
                        db.sql(SEQUENTIAL_SCANS.formatted("reset_val")).then().thenMany(Flux.empty()));
    }

    public static <T> Flux<T> indexed(DatabaseClient db, TransactionalOperator tx, Flux<T> statement) {
        return tx.transactional(db.sql("SET LOCAL enable_seqscan = off")
                .then()
                .then(db.sql("SET LOCAL enable_sort = off").then())
                .thenMany(statement));
    }
}
