package uk.lifeline.backend.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.NoticeCopies;
import uk.lifeline.backend.notice.Area;
import uk.lifeline.backend.psr.PsrRank;

/**
 * Campaigns, their targets and customers' notice copies in the database: the one writer of {@code campaign},
 * {@code campaign_target}, {@code notice} and {@code customer_notice}. Other features reach them through the public
 * methods (a change of supplier stops a premises' campaign work; delivery's retention deletes old notice copies
 * through {@link NoticeCopies}). Every statement names the supplier, except the retention sweep's, which spans them.
 * Thread-safe; joins the caller's transaction.
 */
@Component
public class CampaignStore implements NoticeCopies {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {};
    /** Each target's place in the queue: PSR customers' meters are coded first (issue 17). */
    private static final String PSR_FIRST = PsrRank.sql("d.supplier_id", "p.customer_account_id");

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final ConcurrentMap<UUID, Campaign> fixed = new ConcurrentHashMap<>();

    CampaignStore(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Void> insertNotice(UUID id, UUID supplier, Requests.Notice n, Area area, UUID by, Instant now) {
        return db.sql("""
                        INSERT INTO notice (id, supplier_id, title, message, reason, area, starts_at, ends_at,
                          created_by, created_at)
                        VALUES (:id, :s, :title, :message, :reason, :area, :starts, :ends, :by, :now)
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("title", n.title().trim())
                .bind("message", n.message().trim())
                .bind("reason", n.reason().trim())
                .bind("area", Json.of(write(area)))
                .bind("starts", n.startsAt())
                .bind("ends", n.endsAt())
                .bind("by", by)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The campaign's own app deadline for the escalation ladder, when its launch gave one (issue 14). */
    Mono<Void> appDeadline(UUID campaign, Integer minutes) {
        return minutes == null
                ? Mono.empty()
                : db.sql("UPDATE campaign SET app_deadline_seconds = :seconds WHERE id = :id")
                        .bind("seconds", minutes * 60)
                        .bind("id", campaign)
                        .fetch()
                        .rowsUpdated()
                        .then();
    }

    /**
     * Inserts the campaign and one PENDING target per meter (ESME or GSME, of {@code deviceTypes}) at a premises in
     * the area, all inside the database; completes with how many.
     */
    Mono<Long> insertCampaign(
            UUID id,
            UUID supplier,
            String kind,
            UUID notice,
            String command,
            Map<String, String> parameters,
            Area area,
            String reason,
            String title,
            String message,
            String[] deviceTypes,
            UUID by,
            Instant now) {
        var spec = db.sql("""
                        INSERT INTO campaign (id, supplier_id, kind, notice_id, command, parameters, area, reason,
                          title, message, status, total, created_by, created_at)
                        VALUES (:id, :s, :kind, :notice, :command, :parameters, :area, :reason, :title, :message,
                          'RUNNING', 0, :by, :now)
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("kind", kind)
                .bind("command", command)
                .bind("parameters", Json.of(write(parameters)))
                .bind("area", Json.of(write(area)))
                .bind("reason", reason)
                .bind("by", by)
                .bind("now", now);
        spec = title == null ? spec.bindNull("title", String.class) : spec.bind("title", title);
        spec = message == null ? spec.bindNull("message", String.class) : spec.bind("message", message);
        spec = notice == null ? spec.bindNull("notice", UUID.class) : spec.bind("notice", notice);
        Mono<Long> targets = db.sql(
                        """
                        WITH t AS (
                          INSERT INTO campaign_target (campaign_id, device_id, supplier_id, customer_account_id, state,
                            priority)
                          SELECT :id, d.id, d.supplier_id, p.customer_account_id,\s""" + TargetState.PENDING.sql() + ", " + PSR_FIRST + """
                          FROM device d JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
                          WHERE d.supplier_id = :s AND d.device_type = ANY(:types::text[]) AND
                        """ + Area.PREMISES_IN_AREA + """
                          RETURNING 1)
                        UPDATE campaign SET total = (SELECT count(*) FROM t) WHERE id = :id RETURNING total
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("types", deviceTypes)
                .bind("all", area.all())
                .bind("districts", area.districts().toArray(String[]::new))
                .map(row -> ((Number) row.get("total")).longValue())
                .one();
        return spec.fetch().rowsUpdated().then(targets);
    }

    /** The campaign's fixed facts (kept: they never change), or empty when it is not the supplier's. */
    Mono<Campaign> find(UUID supplier, UUID id) {
        Campaign known = fixed.get(id);
        if (known != null) {
            return known.supplierId().equals(supplier) ? Mono.just(known) : Mono.empty();
        }
        return db.sql("""
                        SELECT c.id, c.supplier_id, c.kind, c.command, c.parameters, c.reason, c.created_by,
                          n.id AS notice, coalesce(n.title, c.title) AS title, coalesce(n.message, c.message) AS message,
                          n.starts_at, n.ends_at
                        FROM campaign c LEFT JOIN notice n ON n.id = c.notice_id
                        WHERE c.supplier_id = :s AND c.id = :id
                        """)
                .bind("s", supplier)
                .bind("id", id)
                .map(this::campaign)
                .one()
                .doOnNext(c -> fixed.put(c.id(), c));
    }

    /**
     * Running campaigns with work left, oldest first: (supplier, id). "Work left" is read from the campaign's kept
     * counts (V28), a few rows a campaign: looking for an open target instead walked, on every page, the index
     * entries of every meter already coded until a vacuum removed them (8 to 57 ms a page at 100,000 meters). A
     * count one page behind (a page not yet committed) only costs a claim that finds nothing.
     */
    Flux<Campaign> running() {
        return db.sql("""
                        SELECT c.id, c.supplier_id FROM campaign c
                        WHERE c.status = 'RUNNING' AND (SELECT sum(y.n) FROM campaign_tally y
                          WHERE y.campaign_id = c.id AND y.measure IN (SELECT campaign_target_measure(s, p)
                            FROM unnest(ARRAY[%s]) AS s, unnest(ARRAY[true, false]) AS p)) > 0
                        ORDER BY c.created_at
                        """.formatted(TargetState.sql(TargetState.OPEN)))
                .map(row -> new UUID[] {row.get("supplier_id", UUID.class), row.get("id", UUID.class)})
                .all()
                .concatMap(ids -> find(ids[0], ids[1]));
    }

    /** Marks running campaigns with nothing left to do COMPLETED. */
    Mono<Long> finish(Instant now) {
        return db.sql("""
                        UPDATE campaign c SET status = 'COMPLETED', finished_at = :now
                        WHERE c.status = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM campaign_target t
                          WHERE t.campaign_id = c.id AND t.state IN (%s))
                        """.formatted(TargetState.sql(TargetState.OPEN)))
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    /** Cancels a running campaign: its meters not yet coded are left alone. False when it was not running. */
    Mono<Boolean> cancel(UUID supplier, UUID id, UUID by, String reason, Instant now) {
        return db.sql("""
                        WITH c AS (
                          UPDATE campaign SET status = 'CANCELLED', finished_at = :now, cancelled_by = :by,
                            cancel_reason = :reason
                          WHERE supplier_id = :s AND id = :id AND status = 'RUNNING' RETURNING id),
                        t AS (
                          UPDATE campaign_target t SET state = %s, done_at = :now
                          FROM c WHERE t.campaign_id = c.id AND t.state IN (%s))
                        SELECT count(*) AS n FROM c
                        """.formatted(TargetState.CANCELLED.sql(), TargetState.sql(TargetState.OPEN)))
                .bind("s", supplier)
                .bind("id", id)
                .bind("by", by)
                .bind("reason", reason)
                .bind("now", now)
                .map(row -> row.get("n", Long.class) > 0)
                .one();
    }

    /**
     * The supplier's campaign work for a premises' meters stops: its targets still waiting fail, saying why (the
     * losing side of a change of supplier, inside the switch's transaction).
     */
    public Mono<Long> stopAtPremises(UUID supplier, UUID premises, Instant now) {
        return db.sql("""
                        UPDATE campaign_target t SET state = %s, done_at = :now,
                          error = 'supply ended: the premises moved to another supplier'
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p AND t.supplier_id = d.supplier_id
                          AND t.device_id = d.id AND t.state IN (%s)
                        """.formatted(TargetState.FAILED.sql(), TargetState.sql(TargetState.OPEN)))
                .bind("now", now)
                .bind("s", supplier)
                .bind("p", premises)
                .fetch()
                .rowsUpdated();
    }

    @Override
    public Mono<Integer> deleteEndedBefore(Instant cutoff, int limit) {
        return db.sql("""
                        WITH old AS (
                          SELECT cn.notice_id, cn.customer_account_id FROM customer_notice cn
                          JOIN notice n ON n.id = cn.notice_id
                          WHERE n.ends_at < :cutoff
                            AND NOT EXISTS (SELECT 1 FROM campaign c WHERE c.notice_id = n.id AND c.status = 'RUNNING')
                          LIMIT :n FOR UPDATE OF cn SKIP LOCKED)
                        DELETE FROM customer_notice cn USING old
                        WHERE cn.notice_id = old.notice_id AND cn.customer_account_id = old.customer_account_id
                        """)
                .bind("cutoff", cutoff)
                .bind("n", limit)
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    private Campaign campaign(Readable row) {
        return new Campaign(
                row.get("id", UUID.class),
                row.get("supplier_id", UUID.class),
                row.get("kind", String.class),
                row.get("command", String.class),
                read(row.get("parameters", Json.class)),
                row.get("reason", String.class),
                row.get("created_by", UUID.class),
                row.get("notice", UUID.class),
                row.get("title", String.class),
                row.get("message", String.class),
                row.get("starts_at", Instant.class),
                row.get("ends_at", Instant.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(Json value) {
        try {
            return json.readValue(value.asString(), PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a campaign holds malformed parameters", e);
        }
    }
}
