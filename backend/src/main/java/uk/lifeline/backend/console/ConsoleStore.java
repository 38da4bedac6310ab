package uk.lifeline.backend.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.notice.Area;

/**
 * The console's own reads across features (it writes nothing): recent campaigns, the people and campaigns behind a
 * meter's codes, and whose meter a code is for. Every statement names the supplier. Thread-safe.
 */
@Component
class ConsoleStore {

    private static final String RECENT_CAMPAIGNS = """
            SELECT c.id, c.kind, c.status, coalesce(n.title, c.title) AS title, coalesce(n.message, c.message) AS message,
              c.command, c.parameters::text AS parameters, c.area::text AS area, n.starts_at, n.ends_at,
              u.display_name, c.total, c.created_at, c.finished_at, c.app_deadline_seconds / 60 AS app_deadline_minutes,
              coalesce(c.status = 'RUNNING' OR (c.status = 'COMPLETED' AND n.ends_at > now()), false) AS active
            FROM campaign c
            LEFT JOIN notice n ON n.id = c.notice_id AND n.supplier_id = c.supplier_id
            LEFT JOIN app_user u ON u.id = c.created_by AND u.supplier_id = c.supplier_id
            WHERE c.supplier_id = :s AND (CAST(:id AS uuid) IS NULL OR c.id = CAST(:id AS uuid))
            ORDER BY active DESC, c.created_at DESC, c.id LIMIT :n
            """;

    /** Who issued, approved, cancelled or refused the meter's newest codes, and the campaigns they came from. */
    private static final String CODE_PEOPLE = """
            WITH codes AS (
              SELECT c.id, c.issued_by, c.approved_by, c.cancelled_by FROM code c
              JOIN device d ON d.supplier_id = c.supplier_id AND d.id = c.device_id
              WHERE c.supplier_id = :s AND d.eui64 = :m ORDER BY c.issued_at DESC LIMIT :n)
            SELECT 'person' AS kind, u.id, u.display_name AS name, NULL::uuid AS code_id, NULL AS ckind
            FROM app_user u WHERE u.supplier_id = :s
              AND u.id IN (SELECT issued_by FROM codes UNION SELECT approved_by FROM codes
                           UNION SELECT cancelled_by FROM codes)
            UNION ALL
            SELECT 'cancelled', cancelled_by, NULL, id, NULL FROM codes WHERE cancelled_by IS NOT NULL
            UNION ALL
            SELECT 'campaign', cp.id, coalesce(n.title, cp.title), t.code_id, cp.kind
            FROM campaign_target t JOIN campaign cp ON cp.id = t.campaign_id AND cp.supplier_id = :s
            LEFT JOIN notice n ON n.id = cp.notice_id AND n.supplier_id = :s
            WHERE t.code_id IN (SELECT id FROM codes)
            """;

    /** A meter (ESME or GSME) with its customer, premises and supply point, and whether the premises has a PPMID. */
    private static final String METER = """
            SELECT d.eui64, d.device_type, sp.fuel, sp.mpxn, d.wan_state, a.id AS customer_id,
              a.account_number, a.name, p.address, p.postcode,
              EXISTS (SELECT 1 FROM device x WHERE x.supplier_id = d.supplier_id
                      AND x.premises_id = d.premises_id AND x.device_type = 'PPMID') AS has_ppmid
            FROM device d
            JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
            JOIN customer_account a ON a.supplier_id = p.supplier_id AND a.id = p.customer_account_id
            JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
            WHERE d.supplier_id = :s AND d.eui64 = :m AND d.device_type IN ('ESME', 'GSME')
            """;

    private final DatabaseClient db;
    private final ObjectMapper json;

    ConsoleStore(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The supplier's campaigns, active first then newest; one of them when {@code id} is given. */
    Flux<RecentCampaigns.Item> recentCampaigns(UUID supplier, UUID id, int limit) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(RECENT_CAMPAIGNS).bind("s", supplier).bind("n", limit);
        spec = id == null ? spec.bindNull("id", UUID.class) : spec.bind("id", id);
        return spec.map(r -> new RecentCampaigns.Item(
                        r.get("id", UUID.class),
                        r.get("kind", String.class),
                        r.get("status", String.class),
                        Boolean.TRUE.equals(r.get("active", Boolean.class)),
                        r.get("title", String.class),
                        r.get("message", String.class),
                        r.get("command", String.class),
                        StoredJson.parameters(json, r.get("parameters", String.class), "a campaign's"),
                        StoredJson.read(json, r.get("area", String.class), Area.class, "a campaign's area"),
                        instant(r.get("starts_at", OffsetDateTime.class)),
                        instant(r.get("ends_at", OffsetDateTime.class)),
                        r.get("display_name", String.class),
                        ((Number) r.get("total")).longValue(),
                        instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("finished_at", OffsetDateTime.class)),
                        r.get("app_deadline_minutes", Integer.class)))
                .all();
    }

    /** The names and campaigns the meter's newest {@code newest} codes' history needs. */
    Mono<CodePeople.View> codePeople(UUID supplier, String meterId, int newest) {
        return db.sql(CODE_PEOPLE)
                .bind("s", supplier)
                .bind("m", meterId)
                .bind("n", newest)
                .map(r -> List.of(
                        r.get("kind", String.class),
                        r.get("id", UUID.class),
                        String.valueOf(r.get("name", String.class)),
                        String.valueOf(r.get("code_id", UUID.class)),
                        String.valueOf(r.get("ckind", String.class))))
                .all()
                .collectList()
                .map(rows -> {
                    Map<UUID, String> people = new LinkedHashMap<>();
                    Map<UUID, CodePeople.CampaignRef> campaigns = new LinkedHashMap<>();
                    Map<UUID, UUID> cancelledBy = new LinkedHashMap<>();
                    for (List<?> row : rows) {
                        if ("person".equals(row.get(0))) {
                            people.put((UUID) row.get(1), (String) row.get(2));
                        } else if ("cancelled".equals(row.get(0))) {
                            cancelledBy.put(UUID.fromString((String) row.get(3)), (UUID) row.get(1));
                        } else {
                            campaigns.put(
                                    UUID.fromString((String) row.get(3)),
                                    new CodePeople.CampaignRef(
                                            (UUID) row.get(1), (String) row.get(2), (String) row.get(4)));
                        }
                    }
                    return new CodePeople.View(people, campaigns, cancelledBy);
                });
    }

    /** The supplier's meter with this EUI-64, or empty. */
    Mono<MeterContext.View> meter(UUID supplier, String meterId) {
        return db.sql(METER)
                .bind("s", supplier)
                .bind("m", meterId)
                .map(r -> new MeterContext.View(
                        r.get("eui64", String.class),
                        r.get("device_type", String.class),
                        r.get("fuel", String.class),
                        r.get("mpxn", String.class),
                        r.get("wan_state", String.class),
                        r.get("customer_id", UUID.class),
                        r.get("account_number", String.class),
                        r.get("name", String.class),
                        r.get("address", String.class),
                        r.get("postcode", String.class),
                        Boolean.TRUE.equals(r.get("has_ppmid", Boolean.class))))
                .one();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
