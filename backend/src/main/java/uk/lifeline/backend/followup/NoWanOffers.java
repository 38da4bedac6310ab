package uk.lifeline.backend.followup;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;

/**
 * Offers of the no-WAN code service (DP255): every prepayment customer with a device in the DP255 follow-up set
 * (partial install, or a meter left without WAN) who has not linked the app gets one offer, the call centre's
 * work list. {@link #sweep} makes the missing ones in one statement; it runs when an install is recorded, when
 * the report is run, and on a schedule. Thread-safe; joins the caller's transaction.
 */
@Component
public class NoWanOffers {

    /** One offer as the call centre sees it. Immutable. */
    public record Offer(
            UUID id,
            UUID customerId,
            String accountNumber,
            String name,
            String phone,
            String postcode,
            List<String> devices,
            String reason,
            String status,
            Instant offeredAt,
            boolean appLinked,
            Instant outcomeAt,
            String outcomeNote) {}

    private static final String SWEEP = "WITH " + Dp255Devices.CTE + """
            , cust AS (
              SELECT customer_account_id, bool_or(category = 'PARTIAL_INSTALL') AS partial,
                array_agg(DISTINCT eui64 ORDER BY eui64) AS devices
              FROM dp GROUP BY customer_account_id)
            INSERT INTO no_wan_offer (id, supplier_id, customer_account_id, reason, devices, status, offered_at)
            SELECT gen_random_uuid(), :s, cust.customer_account_id,
              CASE WHEN cust.partial THEN 'PARTIAL_INSTALL' ELSE 'PREPAYMENT_NO_WAN' END, cust.devices, 'OFFERED', :now
            FROM cust
            WHERE""" + " " + Dp255Devices.prepaymentCustomer("cust")
            + " AND NOT " + Dp255Devices.appLinked("cust")
            + """
            ON CONFLICT (supplier_id, customer_account_id) DO NOTHING
            RETURNING id
            """;

    private static final String LIST = """
            SELECT o.id, o.customer_account_id, a.account_number, a.name, a.phone, o.devices, o.reason, o.status,
              o.offered_at, o.outcome_at, o.outcome_note,
              (SELECT min(p.postcode) FROM premises p WHERE p.supplier_id = o.supplier_id
                 AND p.customer_account_id = o.customer_account_id AND p.supply_ended_at IS NULL) AS postcode,
            """ + Dp255Devices.appLinked("o") + """
               AS app_linked
            FROM no_wan_offer o
            JOIN customer_account a ON a.supplier_id = o.supplier_id AND a.id = o.customer_account_id
            WHERE o.supplier_id = :s
            """;

    private final DatabaseClient db;
    private final AuditLog audit;

    NoWanOffers(DatabaseClient db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Makes the supplier's missing offers; completes with how many, audited as one entry. */
    public Mono<Integer> sweep(UUID supplierId, Instant now) {
        return db.sql(SWEEP)
                .bind("s", supplierId)
                .bind("now", now)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .flatMap(made -> made.isEmpty()
                        ? Mono.just(0)
                        : audit.append(
                                        supplierId,
                                        now,
                                        null,
                                        "no-wan-offer.offered",
                                        "no-wan-offers",
                                        Map.of(
                                                "count",
                                                made.size(),
                                                "offers",
                                                made.stream()
                                                        .limit(100)
                                                        .map(UUID::toString)
                                                        .toList()))
                                .thenReturn(made.size()));
    }

    /** Offers in one status, oldest first; open offers whose customer has linked the app since are left out. */
    Mono<List<Offer>> list(UUID supplierId, String status) {
        String linkedSince = "OFFERED".equals(status) ? " AND NOT " + Dp255Devices.appLinked("o") : "";
        return db.sql(LIST + " AND o.status = :status" + linkedSince + " ORDER BY o.offered_at, a.account_number"
                        + " LIMIT 500")
                .bind("s", supplierId)
                .bind("status", status)
                .map(NoWanOffers::read)
                .all()
                .collectList();
    }

    /** The offer, locked for its outcome, or empty when it is not the supplier's. */
    Mono<Offer> find(UUID supplierId, UUID id, boolean lock) {
        return db.sql(LIST + " AND o.id = :id" + (lock ? " FOR UPDATE OF o" : ""))
                .bind("s", supplierId)
                .bind("id", id)
                .map(NoWanOffers::read)
                .one();
    }

    Mono<Void> decide(UUID supplierId, UUID id, String outcome, UUID by, String note, Instant now) {
        return db.sql("""
                        UPDATE no_wan_offer SET status = :outcome, outcome_by = :by, outcome_at = :now,
                          outcome_note = :note
                        WHERE supplier_id = :s AND id = :id AND status = 'OFFERED'
                        """)
                .bind("outcome", outcome)
                .bind("by", by)
                .bind("now", now)
                .bind("note", note == null ? "" : note)
                .bind("s", supplierId)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Offer read(Readable row) {
        String[] devices = row.get("devices", String[].class);
        return new Offer(
                row.get("id", UUID.class),
                row.get("customer_account_id", UUID.class),
                row.get("account_number", String.class),
                row.get("name", String.class),
                row.get("phone", String.class),
                row.get("postcode", String.class),
                devices == null ? List.of() : Arrays.asList(devices),
                row.get("reason", String.class),
                row.get("status", String.class),
                row.get("offered_at", Instant.class),
                Boolean.TRUE.equals(row.get("app_linked", Boolean.class)),
                row.get("outcome_at", Instant.class),
                row.get("outcome_note", String.class));
    }
}
