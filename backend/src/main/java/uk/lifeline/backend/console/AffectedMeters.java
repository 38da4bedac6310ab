package uk.lifeline.backend.console;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.notice.Area;

/**
 * Counts what a campaign over an area would reach, without starting it: the meters a notice or price change
 * would target (the same selection, {@link Area#PREMISES_IN_AREA} over the same device types), how many get a
 * code and how many go over the WAN, their customers, and the customers with no phone for the app (the
 * call-centre list). Thread-safe.
 */
@Component
class AffectedMeters {

    /** What a campaign would reach. Immutable. */
    record Count(long meters, long codedMeters, long wanMeters, long customers, long customersWithoutPhone) {}

    private static final String SQL = """
            SELECT count(*) AS meters,
              count(*) FILTER (WHERE d.wan_state <> 'COMMISSIONED_WAN') AS coded,
              count(*) FILTER (WHERE d.wan_state = 'COMMISSIONED_WAN') AS wan,
              count(DISTINCT p.customer_account_id) AS customers,
              count(DISTINCT p.customer_account_id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM push_device x
                WHERE x.supplier_id = d.supplier_id AND x.customer_account_id = p.customer_account_id
                  AND x.retired_at IS NULL)) AS without_phone
            FROM device d JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
            WHERE d.supplier_id = :s AND d.device_type = ANY(:types::text[]) AND
            """ + Area.PREMISES_IN_AREA;

    private final DatabaseClient db;

    AffectedMeters(DatabaseClient db) {
        this.db = db;
    }

    Mono<Count> count(UUID supplier, Area area, String[] deviceTypes) {
        return db.sql(SQL)
                .bind("s", supplier)
                .bind("types", deviceTypes)
                .bind("all", area.all())
                .bind("districts", area.districts().toArray(String[]::new))
                .map(r -> new Count(
                        number(r.get("meters")),
                        number(r.get("coded")),
                        number(r.get("wan")),
                        number(r.get("customers")),
                        number(r.get("without_phone"))))
                .one();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
