package uk.lifeline.backend.installcode;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.tenant.SupplierRef;
import uk.lifeline.backend.tenant.Suppliers;

/**
 * How install-code requests fared, per other supplier and direction, for the requests raised in a date range:
 * RAISED rows measure how the other supplier answered the caller, OWED rows how the caller answered it.
 * Thread-safe.
 */
@Component
class Performance {

    /** One supplier, one direction. Immutable. */
    record Line(
            String direction,
            SupplierRef supplier,
            long requests,
            long answeredInTime,
            long answeredLate,
            long openInTime,
            long openOverdue,
            long closed) {}

    record Report(LocalDate from, LocalDate to, List<Line> items) {}

    private static final String SQL = """
            SELECT CASE WHEN r.supplier_id = :s THEN 'RAISED' ELSE 'OWED' END AS direction,
              CASE WHEN r.supplier_id = :s THEN r.responder_id ELSE r.supplier_id END AS other,
              count(*) AS requests,
              count(*) FILTER (WHERE r.answered_on <= r.due_on) AS in_time,
              count(*) FILTER (WHERE r.answered_on > r.due_on) AS late,
              count(*) FILTER (WHERE r.status = 'OPEN' AND r.due_on >= :today) AS open_in_time,
              count(*) FILTER (WHERE r.status = 'OPEN' AND r.due_on < :today) AS open_overdue,
              count(*) FILTER (WHERE r.status IN ('WITHDRAWN', 'CANCELLED')) AS closed
            FROM install_code_request r
            WHERE (r.supplier_id = :s OR r.responder_id = :s) AND r.requested_on BETWEEN :from AND :to
            GROUP BY 1, 2 ORDER BY 1 DESC, 2
            """;

    private final DatabaseClient db;
    private final Suppliers suppliers;
    private final DueDates due;

    Performance(DatabaseClient db, Suppliers suppliers, DueDates due) {
        this.db = db;
        this.suppliers = suppliers;
        this.due = due;
    }

    Mono<Report> report(UUID supplierId, LocalDate from, LocalDate to) {
        return db.sql(SQL)
                .bind("s", supplierId)
                .bind("from", from)
                .bind("to", to)
                .bind("today", due.today())
                .map(row -> new Object[] {
                    row.get("direction", String.class),
                    row.get("other", UUID.class),
                    row.get("requests", Long.class),
                    row.get("in_time", Long.class),
                    row.get("late", Long.class),
                    row.get("open_in_time", Long.class),
                    row.get("open_overdue", Long.class),
                    row.get("closed", Long.class)
                })
                .all()
                .concatMap(r -> suppliers
                        .byId((UUID) r[1])
                        .map(s -> new Line(
                                (String) r[0],
                                SupplierRef.of(s),
                                (Long) r[2],
                                (Long) r[3],
                                (Long) r[4],
                                (Long) r[5],
                                (Long) r[6],
                                (Long) r[7])))
                .collectList()
                .map(items -> new Report(from, to, items));
    }
}
