package uk.lifeline.backend.console;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.notice.Area;

/**
 * Counts what a campaign over an area would reach, without starting it: the meters a notice or price change
 * would target (the same selection, {@link Area#PREMISES_IN_AREA} over the same device types); of those, how many
 * a change of supplier blocks (the campaign marks them failed as it starts: no code can go to a meter whose
 * counter is frozen, the same {@code code_counter.codes_blocked} its trigger reads), and of the rest how many get
 * a code and how many go over the WAN, their customers, and the customers with no phone for the app (the
 * call-centre list). Thread-safe.
 */
@Component
class AffectedMeters {

    /**
     * What a campaign would reach. Immutable.
     *
     * @param meters the campaign's targets (its total), blocked ones included
     * @param blockedMeters targets a change of supplier blocks: supply ended, or the gaining supplier's
     *     credentials not yet on the meter
     * @param codedMeters targets without the WAN that get a code
     * @param wanMeters targets over the WAN (DCC)
     * @param customers customers of the targets not blocked
     * @param customersWithoutPhone of those, the ones with no phone for the app
     */
    record Count(
            long meters,
            long blockedMeters,
            long codedMeters,
            long wanMeters,
            long customers,
            long customersWithoutPhone) {}

    private static final String SQL = """
            SELECT count(*) AS meters,
              count(*) FILTER (WHERE k.codes_blocked IS NOT NULL) AS blocked,
              count(*) FILTER (WHERE k.codes_blocked IS NULL AND d.wan_state <> 'COMMISSIONED_WAN') AS coded,
              count(*) FILTER (WHERE k.codes_blocked IS NULL AND d.wan_state = 'COMMISSIONED_WAN') AS wan,
              count(DISTINCT p.customer_account_id) FILTER (WHERE k.codes_blocked IS NULL) AS customers,
              count(DISTINCT p.customer_account_id) FILTER (WHERE k.codes_blocked IS NULL AND NOT EXISTS (
                SELECT 1 FROM push_device x WHERE x.supplier_id = d.supplier_id
                  AND x.customer_account_id = p.customer_account_id AND x.retired_at IS NULL)) AS without_phone
            FROM device d JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
              LEFT JOIN code_counter k ON k.supplier_id = d.supplier_id AND k.device_id = d.id
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
                        number(r.get("blocked")),
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
