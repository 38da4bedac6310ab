package uk.lifeline.backend.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;

/**
 * What a meter's code history needs beyond the codes themselves (issue 16): the names of the staff who issued and
 * approved (or cancelled, or refused) its newest codes, and the campaign each campaign code came from, so the history says who, why and
 * which storm. Only the caller's supplier's rows.
 */
@RestController
class CodePeople {

    /** A campaign a code came from. Immutable. */
    record CampaignRef(UUID id, String title, String kind) {}

    /** Names by user id; campaigns by code id; who cancelled or refused, by code id. Immutable. */
    record View(Map<UUID, String> people, Map<UUID, CampaignRef> campaigns, Map<UUID, UUID> cancelledBy) {}

    static final int NEWEST = 100;

    private final DatabaseClient db;

    CodePeople(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/console/meters/{meterId}/code-people")
    Mono<View> people(@AuthenticationPrincipal Jwt jwt, @PathVariable String meterId) {
        UUID supplier = Caller.of(jwt).supplierId();
        return db.sql("""
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
                        """)
                .bind("s", supplier)
                .bind("m", meterId)
                .bind("n", NEWEST)
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
                    Map<UUID, CampaignRef> campaigns = new LinkedHashMap<>();
                    Map<UUID, UUID> cancelledBy = new LinkedHashMap<>();
                    for (List<?> row : rows) {
                        if ("person".equals(row.get(0))) {
                            people.put((UUID) row.get(1), (String) row.get(2));
                        } else if ("cancelled".equals(row.get(0))) {
                            cancelledBy.put(UUID.fromString((String) row.get(3)), (UUID) row.get(1));
                        } else {
                            campaigns.put(
                                    UUID.fromString((String) row.get(3)),
                                    new CampaignRef((UUID) row.get(1), (String) row.get(2), (String) row.get(4)));
                        }
                    }
                    return new View(people, campaigns, cancelledBy);
                });
    }
}
