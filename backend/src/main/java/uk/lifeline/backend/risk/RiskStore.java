package uk.lifeline.backend.risk;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.model.MeterStateJson;
import uk.lifeline.backend.psr.PsrEntries;
import uk.lifeline.forecast.Fuel;
import uk.lifeline.forecast.Observation;

/**
 * The risk feature's SQL: reads what it needs of other features' tables (devices, models, codes, PSR entries) a
 * page at a time, and writes its own ({@code risk_event}, {@code risk_detection}). Every statement names the
 * supplier. Thread-safe.
 */
@Repository
class RiskStore {

    /**
     * Codes that were (or will be) on the meter: top-ups in these statuses count as the customer's top-ups. Instants
     * go out as whole epoch seconds, floored: a cast alone rounds, and a reading taken late in the second now would
     * then fall after now and be left out.
     */
    private static final String FACTS = """
            SELECT d.id, d.eui64, sp.fuel, a.id AS account, a.name, m.state, m.source, pe.needs,
              (SELECT coalesce(json_agg(json_build_array(floor(extract(epoch FROM c.issued_at))::bigint, c.amount_pence)),
                               '[]'::json)::text
                 FROM code c WHERE c.supplier_id = d.supplier_id AND c.device_id = d.id AND c.command = 'top-up'
                  AND c.status IN ('ISSUED', 'DELIVERED', 'ENTERED', 'ACCEPTED') AND c.issued_at > :topUpsSince
                  AND c.issued_at <= :now) AS top_ups,
              (SELECT coalesce(json_agg(json_build_array(floor(extract(epoch FROM r.read_at))::bigint, r.position_pence)),
                               '[]'::json)::text
                 FROM meter_reading r WHERE r.supplier_id = d.supplier_id AND r.device_id = d.id
                  AND r.read_at > :topUpsSince AND r.read_at <= :now) AS readings,
              (SELECT count(*) FROM code c WHERE c.supplier_id = d.supplier_id AND c.device_id = d.id
                  AND c.status = 'REJECTED' AND c.result_reason IN ('locked-out', 'over-maximum-balance')
                  AND c.result_at > :recent) AS problems,
              (SELECT max(e.at) FROM risk_event e WHERE e.supplier_id = d.supplier_id
                  AND e.customer_account_id = a.id AND e.kind = 'NO_SUPPLY_REPORTED' AND e.at > :recent
                  AND (e.device_id IS NULL OR e.device_id = d.id)) AS no_supply_at
            FROM device d
            JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
            JOIN customer_account a ON a.supplier_id = p.supplier_id AND a.id = p.customer_account_id
            JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
            JOIN meter_model m ON m.supplier_id = d.supplier_id AND m.device_id = d.id
            LEFT JOIN psr_entry pe ON pe.supplier_id = a.supplier_id AND pe.customer_account_id = a.id
            WHERE d.supplier_id = :s AND d.device_type IN ('ESME', 'GSME') AND d.wan_state <> 'COMMISSIONED_WAN'
            """;

    private final DatabaseClient db;

    RiskStore(DatabaseClient db) {
        this.db = db;
    }

    /** One page of no-WAN meters with a model, after {@code after} in id order. */
    Mono<List<MeterFacts>> page(UUID supplier, UUID after, int size, Instant now) {
        return facts(
                db.sql(FACTS + " AND d.id > :after ORDER BY d.id LIMIT :n")
                        .bind("s", supplier)
                        .bind("after", after)
                        .bind("n", size),
                now);
    }

    /** One customer's no-WAN meters with a model, in id order: what their app's run-out is worked out from. */
    Mono<List<MeterFacts>> ofCustomer(UUID supplier, UUID customer, Instant now) {
        return facts(
                db.sql(FACTS + " AND a.id = :customer ORDER BY d.id")
                        .bind("s", supplier)
                        .bind("customer", customer),
                now);
    }

    private static Mono<List<MeterFacts>> facts(DatabaseClient.GenericExecuteSpec spec, Instant now) {
        return spec.bind("now", now)
                .bind("topUpsSince", now.minus(Signals.TOP_UP_LOOKBACK))
                .bind("recent", now.minus(Signals.RECENT))
                .map((row, meta) -> new MeterFacts(
                        row.get("id", UUID.class),
                        row.get("eui64", String.class),
                        Fuel.valueOf(row.get("fuel", String.class)),
                        row.get("account", UUID.class),
                        row.get("name", String.class),
                        row.get("needs", Json.class) == null
                                ? List.of()
                                : PsrEntries.needs(row.get("needs", Json.class).asString()),
                        MeterStateJson.read(row.get("state", Json.class).asString()),
                        row.get("source", String.class),
                        topUps(row.get("top_ups", String.class)),
                        readings(row.get("readings", String.class)),
                        row.get("problems", Long.class).intValue(),
                        row.get("no_supply_at", Instant.class)))
                .all()
                .collectList();
    }

    /** Top-ups as the database aggregates them: {@code [[epochSeconds, pence], ...]}. */
    static List<Observation> topUps(String json) {
        return pairs(json, Observation.TopUpSeen::new);
    }

    /** Balances read off the display, aggregated the same way: {@code [[epochSeconds, positionPence], ...]}. */
    static List<Observation.BalanceSeen> readings(String json) {
        return pairs(json, Observation.BalanceSeen::new);
    }

    private static <T> List<T> pairs(String json, BiFunction<Instant, Long, T> make) {
        List<T> out = new ArrayList<>();
        String body = json.replaceAll("[\\[\\] ]", "");
        if (body.isEmpty()) {
            return out;
        }
        String[] parts = body.split(",");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            out.add(make.apply(Instant.ofEpochSecond(Long.parseLong(parts[i])), Long.parseLong(parts[i + 1])));
        }
        return out;
    }

    /** Records today's detections for a page (re-running the list the same day replaces them). */
    Mono<Void> detected(UUID supplier, LocalDate day, List<AtRiskEntry> entries, List<UUID> devices) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        // One statement a page (arrays unnested): a row at a time was most of the list's time on a million meters.
        UUID[] device = new UUID[entries.size()];
        UUID[] customer = new UUID[entries.size()];
        Boolean[] psr = new Boolean[entries.size()];
        String[] signals = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            AtRiskEntry e = entries.get(i);
            StringBuilder list = new StringBuilder("[");
            for (AtRiskEntry.Reason r : e.reasons()) {
                list.append(list.length() > 1 ? "," : "")
                        .append('"')
                        .append(r.signal())
                        .append('"');
            }
            device[i] = devices.get(i);
            customer[i] = e.customerId();
            psr[i] = e.psr();
            signals[i] = list.append(']').toString();
        }
        return db.sql("""
                INSERT INTO risk_detection (supplier_id, day, device_id, customer_account_id, psr, signals)
                SELECT :s, :day, x.d, x.c, x.p, x.sig::jsonb
                FROM unnest(:devices::uuid[], :customers::uuid[], :psr::boolean[], :signals::text[]) AS x (d, c, p, sig)
                ON CONFLICT (supplier_id, day, device_id) DO UPDATE SET psr = EXCLUDED.psr,
                    signals = EXCLUDED.signals
                """)
                .bind("s", supplier)
                .bind("day", day)
                .bind("devices", device)
                .bind("customers", customer)
                .bind("psr", psr)
                .bind("signals", signals)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** A "no supply" report or a contact. */
    Mono<Void> event(
            UUID id,
            UUID supplier,
            UUID customer,
            UUID device,
            String kind,
            String action,
            String outcome,
            UUID codeId,
            String note,
            UUID by,
            Instant at) {
        var spec = db.sql("""
                INSERT INTO risk_event (id, supplier_id, customer_account_id, device_id, kind, action, outcome,
                    code_id, note, by_user, at)
                VALUES (:id, :s, :c, :d, :kind, :action, :outcome, :code, :note, :by, :at)
                ON CONFLICT (code_id) WHERE code_id IS NOT NULL DO NOTHING
                """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("kind", kind)
                .bind("at", at);
        spec = device == null ? spec.bindNull("d", UUID.class) : spec.bind("d", device);
        spec = action == null ? spec.bindNull("action", String.class) : spec.bind("action", action);
        spec = outcome == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", outcome);
        spec = codeId == null ? spec.bindNull("code", UUID.class) : spec.bind("code", codeId);
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        spec = by == null ? spec.bindNull("by", UUID.class) : spec.bind("by", by);
        return spec.fetch().rowsUpdated().then();
    }
}
