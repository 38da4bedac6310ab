package uk.lifeline.backend.switching;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.tenant.SupplierRef;
import uk.lifeline.backend.tenant.Suppliers;

/** Reads changes of supplier for one of their two suppliers, and shows them to it. Thread-safe. */
@Component
class Switches {

    private record Row(
            UUID id,
            UUID gaining,
            UUID premises,
            UUID losing,
            UUID losingPremises,
            LocalDate effectiveOn,
            Instant recordedAt,
            List<UUID> cancelled) {}

    private static final String SELECT = """
            SELECT id, supplier_id, premises_id, losing_supplier_id, losing_premises_id, effective_on, recorded_at,
              cancelled_codes
            FROM supply_switch WHERE (supplier_id = :s OR losing_supplier_id = :s)
            """;

    private final DatabaseClient db;
    private final Suppliers suppliers;

    Switches(DatabaseClient db, Suppliers suppliers) {
        this.db = db;
        this.suppliers = suppliers;
    }

    Mono<Void> insert(
            UUID id,
            UUID gaining,
            UUID premises,
            UUID losing,
            UUID losingPremises,
            LocalDate effectiveOn,
            UUID by,
            Instant at,
            List<UUID> cancelled) {
        return db.sql("""
                        INSERT INTO supply_switch (id, supplier_id, premises_id, losing_supplier_id, losing_premises_id,
                          effective_on, recorded_by, recorded_at, cancelled_codes)
                        VALUES (:id, :g, :gp, :l, :lp, :on, :by, :at, :cancelled)
                        """)
                .bind("id", id)
                .bind("g", gaining)
                .bind("gp", premises)
                .bind("l", losing)
                .bind("lp", losingPremises)
                .bind("on", effectiveOn)
                .bind("by", by)
                .bind("at", at)
                .bind("cancelled", cancelled.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<SwitchView> find(UUID viewer, UUID id) {
        return db.sql(SELECT + " AND id = :id")
                .bind("s", viewer)
                .bind("id", id)
                .map(Switches::read)
                .one()
                .flatMap(row -> view(viewer, row));
    }

    /** @param direction GAINED, LOST or null for both */
    Flux<SwitchView> list(UUID viewer, String direction) {
        String only = "GAINED".equals(direction)
                ? " AND supplier_id = :s"
                : "LOST".equals(direction) ? " AND losing_supplier_id = :s" : "";
        return db.sql(SELECT + only + " ORDER BY recorded_at DESC, id LIMIT 500")
                .bind("s", viewer)
                .map(Switches::read)
                .all()
                .concatMap(row -> view(viewer, row));
    }

    private Mono<SwitchView> view(UUID viewer, Row r) {
        boolean gained = r.gaining().equals(viewer);
        UUID premises = gained ? r.premises() : r.losingPremises();
        Mono<Object[]> place = db.sql("""
                        SELECT p.address, p.postcode, a.account_number FROM premises p
                        JOIN customer_account a ON a.supplier_id = p.supplier_id AND a.id = p.customer_account_id
                        WHERE p.supplier_id = :s AND p.id = :p
                        """)
                .bind("s", viewer)
                .bind("p", premises)
                .map(row -> new Object[] {
                    row.get("address", String.class),
                    row.get("postcode", String.class),
                    row.get("account_number", String.class)
                })
                .one();
        Mono<List<SwitchView.Device>> devices = db.sql("""
                        SELECT d.eui64, d.device_type, sp.mpxn, c.state, s.code AS installer, cc.codes_blocked
                        FROM device d
                        LEFT JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
                        LEFT JOIN device_commissioning c ON c.eui64 = d.eui64
                        LEFT JOIN supplier s ON s.id = c.supplier_id
                        LEFT JOIN code_counter cc ON cc.supplier_id = d.supplier_id AND cc.device_id = d.id
                        WHERE d.supplier_id = :s AND d.premises_id = :p
                        ORDER BY d.device_type, d.eui64
                        """)
                .bind("s", viewer)
                .bind("p", premises)
                .map(row -> new SwitchView.Device(
                        row.get("eui64", String.class),
                        row.get("device_type", String.class),
                        row.get("mpxn", String.class),
                        row.get("state", String.class),
                        row.get("installer", String.class),
                        row.get("codes_blocked", String.class)))
                .all()
                .collectList();
        return Mono.zip(suppliers.byId(r.losing()), suppliers.byId(r.gaining()), place, devices)
                .map(t -> new SwitchView(
                        r.id(),
                        gained ? "GAINED" : "LOST",
                        SupplierRef.of(t.getT1()),
                        SupplierRef.of(t.getT2()),
                        r.effectiveOn(),
                        r.recordedAt(),
                        new SwitchView.Place((String) t.getT3()[0], (String) t.getT3()[1]),
                        gained ? (String) t.getT3()[2] : null,
                        t.getT4(),
                        gained ? null : r.cancelled()));
    }

    private static Row read(Readable row) {
        UUID[] cancelled = row.get("cancelled_codes", UUID[].class);
        return new Row(
                row.get("id", UUID.class),
                row.get("supplier_id", UUID.class),
                row.get("premises_id", UUID.class),
                row.get("losing_supplier_id", UUID.class),
                row.get("losing_premises_id", UUID.class),
                row.get("effective_on", LocalDate.class),
                row.get("recorded_at", Instant.class),
                cancelled == null ? List.of() : Arrays.asList(cancelled));
    }
}
