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

    public static <T> Flux<T> indexed(DatabaseClient db, TransactionalOperator tx, Flux<T> statement) {
        return tx.transactional(db.sql("SET LOCAL enable_seqscan = off")
                .then()
                .then(db.sql("SET LOCAL enable_sort = off").then())
                .thenMany(statement));
    }
}
