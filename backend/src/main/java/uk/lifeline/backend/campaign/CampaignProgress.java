package uk.lifeline.backend.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * The campaign and its progress, from the counts kept as it moves ({@code campaign_tally}, V28: one row per
     * measure and shard), so a read costs the same whatever the campaign's size.
     */
    public Mono<CampaignView> of(UUID supplier, UUID id) {
        return db.sql("""
                        SELECT c.id, c.kind, c.status, c.notice_id, c.command, c.parameters, c.reason, c.created_at,
                          c.finished_at, c.total, y.measure, y.n, y.last_done
                        FROM campaign c LEFT JOIN LATERAL (
                          SELECT measure, sum(n) AS n, max(last_done) AS last_done FROM campaign_tally
                          WHERE campaign_id = c.id GROUP BY measure) y ON true
                        WHERE c.supplier_id = :s AND c.id = :id
                        """)
                .bind("s", supplier)
                .bind("id", id)
                .map(row -> new Row(
                        new Head(
                                row.get("id", UUID.class),
                                row.get("kind", String.class),
                                row.get("status", String.class),
                                row.get("notice_id", UUID.class),
                                row.get("command", String.class),
                                row.get("parameters", Json.class).asString(),
                                row.get("reason", String.class),
                                row.get("created_at", Instant.class),
                                row.get("finished_at", Instant.class),
                                number(row.get("total"))),
                        row.get("measure", String.class),
                        number(row.get("n")),
                        row.get("last_done", Instant.class)))
                .all()
                .collectList()
                .filter(rows -> !rows.isEmpty())
                .map(this::view);
    }

    /** The campaign's own columns. */
    private record Head(
            UUID id,
            String kind,
            String status,
            UUID noticeId,
            String command,
            String parameters,
            String reason,
            Instant created,
            Instant finished,
            long total) {}

    /** One measure of the campaign (none: null), with the campaign's own columns. */
    private record Row(Head campaign, String measure, long n, Instant lastDone) {}

    private CampaignView view(List<Row> rows) {
        Tally tally = new Tally();
        Instant last = null;
        for (Row row : rows) {
            if (row.measure() != null) {
                tally.add(row.measure(), row.n());
            }
            if (row.lastDone() != null && (last == null || row.lastDone().isAfter(last))) {
                last = row.lastDone();
            }
        }
        Head c = rows.get(0).campaign();
        Instant created = c.created();
        Instant until = "RUNNING".equals(c.status()) ? clock.instant() : last == null ? created : last;
        double seconds = Math.max(0.001, Duration.between(created, until).toNanos() / 1e9);
        return new CampaignView(
                c.id(),
                c.kind(),
                c.status(),
                c.noticeId(),
                c.command(),
                read(c.parameters()),
                c.reason(),
                created,
                c.finished(),
                c.total(),
                tally.targets(EnumSet.of(TargetState.PENDING)),
                tally.targets(EnumSet.of(TargetState.CODED)),
                tally.targets(TargetState.WITH_DCC),
                tally.pushed,
                tally.codes(CodeStatus.REACHED_APP),
                tally.codes(CodeStatus.TYPED_IN),
                tally.targets(EnumSet.of(TargetState.FAILED)),
                tally.targets(EnumSet.of(TargetState.CANCELLED)),
                tally.noPhone.getOrDefault(TargetState.CODED.name(), 0L),
                Math.round(tally.targets(TargetState.WORKED) / seconds * 10) / 10.0);
    }

    /**
     * What the measures V28 keeps say: meters by target state (and of those, the ones without a phone), codes by
     * status, codes pushed. Not thread-safe: one per read.
     */
    private static final class Tally {
        private final Map<String, Long> targets = new HashMap<>();
        private final Map<String, Long> noPhone = new HashMap<>();
        private final Map<CodeStatus, Long> codes = new EnumMap<>(CodeStatus.class);
        private long pushed;

        void add(String measure, long n) {
            String[] parts = measure.split(":");
            switch (parts[0]) {
                case "target" -> {
                    targets.merge(parts[1], n, Long::sum);
                    if (parts.length > 2) {
                        noPhone.merge(parts[1], n, Long::sum);
                    }
                }
                case "code" -> codes.merge(CodeStatus.valueOf(parts[1]), n, Long::sum);
                case "pushed" -> pushed += n;
                default -> throw new IllegalStateException("unknown campaign measure " + measure);
            }
        }

        long targets(Set<TargetState> states) {
            long n = 0;
            for (TargetState state : states) {
                n += targets.getOrDefault(state.name(), 0L);
            }
            return n;
        }

        long codes(Set<CodeStatus> statuses) {
            long n = 0;
            for (CodeStatus status : statuses) {
                n += codes.getOrDefault(status, 0L);
            }
            return n;
        }
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
                        WHERE t.supplier_id = :s AND t.campaign_id = :id AND t.state = %s AND NOT t.has_phone
                        ORDER BY p.postcode, a.account_number, d.eui64
                        """.formatted(TargetState.CODED.sql()))
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

    private Map<String, String> read(String value) {
        try {
            return json.readValue(value, PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
