package uk.lifeline.backend.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.ledger.CodeStatus;
import uk.lifeline.code.CommandCode;

/**
 * Reads a campaign's progress and its call-centre list from the database, scoped to the supplier. The list is
 * streamed row by row. Public for the console's live progress stream (package console). Thread-safe.
 */
@Component
public class CampaignProgress {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final Clock clock;

    CampaignProgress(DatabaseClient db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    public Mono<CampaignView> of(UUID supplier, UUID id) {
        // The codes' statuses are counted in one pass over the campaign's codes (delivered and entered together).
        return db.sql("""
                        WITH k AS (
                          SELECT count(*) FILTER (WHERE k.status IN (%s))
                              AS delivered,
                            count(*) FILTER (WHERE k.status IN (%s)) AS entered
                          FROM campaign_target x JOIN code k ON k.supplier_id = x.supplier_id AND k.id = x.code_id
                          WHERE x.campaign_id = :id AND x.supplier_id = :s)
                        SELECT c.id, c.kind, c.status, c.notice_id, c.command, c.parameters, c.reason, c.created_at,
                          c.finished_at, c.total,
                          count(*) FILTER (WHERE t.state = 'PENDING') AS pending,
                          count(*) FILTER (WHERE t.state = 'CODED') AS coded,
                          count(*) FILTER (WHERE t.state IN ('DCC_PENDING', 'DCC_SENT')) AS to_dcc,
                          count(*) FILTER (WHERE t.state = 'FAILED') AS failed,
                          count(*) FILTER (WHERE t.state = 'CANCELLED') AS cancelled,
                          count(*) FILTER (WHERE t.state = 'CODED' AND NOT t.has_phone) AS no_phone,
                          count(*) FILTER (WHERE t.state IN ('CODED', 'DCC_SENT', 'FAILED')) AS done,
                          max(t.done_at) AS last_done,
                          (SELECT count(DISTINCT m.subject_id) FROM outbox_message m
                             JOIN push_delivery p ON p.message_id = m.id AND p.state = 'SENT'
                           WHERE m.campaign_id = c.id AND m.kind = 'code') AS pushed,
                          (SELECT delivered FROM k) AS delivered, (SELECT entered FROM k) AS entered
                        FROM campaign c LEFT JOIN campaign_target t ON t.campaign_id = c.id
                        WHERE c.supplier_id = :s AND c.id = :id
                        GROUP BY c.id
                        """.formatted(CodeStatus.sql(CodeStatus.REACHED_APP), CodeStatus.sql(CodeStatus.TYPED_IN)))
                .bind("s", supplier)
                .bind("id", id)
                .map(row -> {
                    Instant created = row.get("created_at", Instant.class);
                    Instant last = row.get("last_done", Instant.class);
                    long done = number(row.get("done"));
                    Instant until = "RUNNING".equals(row.get("status", String.class))
                            ? clock.instant()
                            : last == null ? created : last;
                    double seconds =
                            Math.max(0.001, Duration.between(created, until).toNanos() / 1e9);
                    return new CampaignView(
                            row.get("id", UUID.class),
                            row.get("kind", String.class),
                            row.get("status", String.class),
                            row.get("notice_id", UUID.class),
                            row.get("command", String.class),
                            read(row.get("parameters", Json.class)),
                            row.get("reason", String.class),
                            created,
                            row.get("finished_at", Instant.class),
                            number(row.get("total")),
                            number(row.get("pending")),
                            number(row.get("coded")),
                            number(row.get("to_dcc")),
                            number(row.get("pushed")),
                            number(row.get("delivered")),
                            number(row.get("entered")),
                            number(row.get("failed")),
                            number(row.get("cancelled")),
                            number(row.get("no_phone")),
                            Math.round(done / seconds * 10) / 10.0);
                })
                .one();
    }

    /** One CSV line per coded meter whose customer had no phone: what the call centre needs to read the code out. */
    Flux<String> noPhone(UUID supplier, UUID id) {
        return db.sql("""
                        SELECT a.account_number, a.name, a.phone, p.address, p.postcode, sp.mpxn, d.eui64,
                          k.blocks, k.expires_at
                        FROM campaign_target t
                        JOIN customer_account a ON a.supplier_id = t.supplier_id AND a.id = t.customer_account_id
                        JOIN device d ON d.supplier_id = t.supplier_id AND d.id = t.device_id
                        JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
                        LEFT JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
                        JOIN code k ON k.supplier_id = t.supplier_id AND k.id = t.code_id
                        WHERE t.supplier_id = :s AND t.campaign_id = :id AND t.state = 'CODED' AND NOT t.has_phone
                        ORDER BY p.postcode, a.account_number, d.eui64
                        """)
                .bind("s", supplier)
                .bind("id", id)
                .map(row -> Csv.line(
                        row.get("account_number", String.class),
                        row.get("name", String.class),
                        row.get("phone", String.class),
                        row.get("address", String.class),
                        row.get("postcode", String.class),
                        row.get("mpxn", String.class),
                        row.get("eui64", String.class),
                        CommandCode.grouped(List.of(row.get("blocks", String[].class))),
                        String.valueOf(row.get("expires_at", Instant.class))))
                .all();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private Map<String, String> read(Json value) {
        try {
            return json.readValue(value.asString(), PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
