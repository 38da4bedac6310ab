package uk.lifeline.backend.installcode;

import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides, for many wanted devices in one query, where each request goes or why it cannot be made: the device
 * must be one the supplier supplies now; a commissioned device, one the supplier installed itself, or one whose
 * code it already has needs no request; the request goes to the installing supplier on the commissioning record,
 * else to the supplier the premises was gained from, else nowhere; and one open request per device. A device
 * named twice is a duplicate from its second row on. Thread-safe.
 */
@Component
class Targets {

    private static final String SQL = """
            WITH input AS (
              SELECT i.row_no, nullif(i.eui, '') AS eui, nullif(i.mpxn, '') AS mpxn
              FROM unnest(:rows::int[], :euis::text[], :mpxns::text[]) AS i(row_no, eui, mpxn)),
            found AS (
              SELECT i.row_no,
                (SELECT d.eui64 FROM device d WHERE d.supplier_id = :s AND d.eui64 = i.eui) AS by_eui,
                (SELECT min(d.eui64) FROM supply_point sp JOIN device d ON d.supplier_id = sp.supplier_id
                   AND d.supply_point_id = sp.id AND d.device_type IN ('ESME', 'GSME')
                 WHERE sp.supplier_id = :s AND sp.mpxn = i.mpxn) AS by_mpxn
              FROM input i)
            SELECT f.row_no, f.by_eui, f.by_mpxn, d.id AS device_id, p.supply_ended_at IS NOT NULL AS ended,
              c.supplier_id AS installer, c.state AS commissioning,
              EXISTS (SELECT 1 FROM install_code_release r WHERE r.eui64 = d.eui64 AND r.supplier_id = :s) AS released,
              EXISTS (SELECT 1 FROM install_code_request q WHERE q.supplier_id = :s AND q.eui64 = d.eui64
                        AND q.status = 'OPEN') AS open,
              (SELECT w.losing_supplier_id FROM supply_switch w WHERE w.supplier_id = :s AND w.premises_id = p.id
               ORDER BY w.recorded_at DESC LIMIT 1) AS losing
            FROM found f
            LEFT JOIN device d ON d.supplier_id = :s AND d.eui64 = coalesce(f.by_eui, f.by_mpxn)
            LEFT JOIN premises p ON p.supplier_id = :s AND p.id = d.premises_id
            LEFT JOIN device_commissioning c ON c.eui64 = d.eui64
            ORDER BY f.row_no
            """;

    private record Found(
            String byEui,
            String byMpxn,
            UUID deviceId,
            boolean ended,
            UUID installer,
            String commissioning,
            boolean released,
            boolean open,
            UUID losing) {}

    private final DatabaseClient db;

    Targets(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<Target>> resolve(UUID supplierId, List<Wanted> wanted) {
        if (wanted.isEmpty()) {
            return Mono.just(List.of());
        }
        Integer[] rows = wanted.stream().map(Wanted::row).toArray(Integer[]::new);
        String[] euis = wanted.stream().map(w -> w.eui() == null ? "" : w.eui()).toArray(String[]::new);
        String[] mpxns =
                wanted.stream().map(w -> w.mpxn() == null ? "" : w.mpxn()).toArray(String[]::new);
        return db.sql(SQL)
                .bind("s", supplierId)
                .bind("rows", rows)
                .bind("euis", euis)
                .bind("mpxns", mpxns)
                .map(row -> Map.entry(row.get("row_no", Integer.class), read(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    List<Target> out = new ArrayList<>(wanted.size());
                    Map<String, Integer> seen = new HashMap<>();
                    for (Wanted w : wanted) {
                        out.add(decide(supplierId, w, found.get(w.row()), seen));
                    }
                    return out;
                });
    }

    private static Target decide(UUID me, Wanted w, Found f, Map<String, Integer> seen) {
        if (w.eui() != null && f.byEui() == null) {
            return Target.refused(w, w.eui(), RowProblem.UNKNOWN_DEVICE, "no device " + w.eui() + " that you supply");
        }
        if (w.mpxn() != null && f.byMpxn() == null) {
            return Target.refused(
                    w, w.eui(), RowProblem.UNKNOWN_DEVICE, "no meter at " + w.mpxn() + " that you supply");
        }
        if (w.eui() != null && w.mpxn() != null && !w.eui().equals(f.byMpxn())) {
            return Target.refused(w, w.eui(), RowProblem.MISMATCH, "the meter at " + w.mpxn() + " is not " + w.eui());
        }
        String eui = f.byEui() != null ? f.byEui() : f.byMpxn();
        Integer earlier = seen.putIfAbsent(eui, w.row());
        if (earlier != null) {
            return Target.refused(w, eui, RowProblem.DUPLICATE_ROW, eui + " is already on row " + earlier);
        }
        if (f.ended()) {
            return Target.refused(w, eui, RowProblem.UNKNOWN_DEVICE, "no device " + eui + " that you supply now");
        }
        if (me.equals(f.installer())) {
            return Target.refused(
                    w, eui, RowProblem.OWN_INSTALL, "you installed " + eui + ": reveal its install code instead");
        }
        if ("COMMISSIONED".equals(f.commissioning())) {
            return Target.refused(
                    w, eui, RowProblem.ALREADY_COMMISSIONED, eui + " is commissioned: no install code" + " is needed");
        }
        if (f.released()) {
            return Target.refused(
                    w,
                    eui,
                    RowProblem.CODE_ALREADY_RELEASED,
                    "the install code of " + eui + " was released to you: reveal it");
        }
        if (f.open()) {
            return Target.refused(
                    w, eui, RowProblem.ALREADY_REQUESTED, "an install-code request for " + eui + " is open");
        }
        if (f.installer() != null) {
            return new Target(w, eui, f.deviceId(), f.installer(), "INSTALLING_SUPPLIER", null, null);
        }
        if (f.losing() != null) {
            return new Target(w, eui, f.deviceId(), f.losing(), "LOSING_SUPPLIER", null, null);
        }
        return Target.refused(
                w,
                eui,
                RowProblem.INSTALLER_UNKNOWN,
                "Lifeline has no commissioning record for " + eui
                        + " and you did not gain its premises through Lifeline: ask the previous supplier directly");
    }

    private static Found read(Readable row) {
        return new Found(
                row.get("by_eui", String.class),
                row.get("by_mpxn", String.class),
                row.get("device_id", UUID.class),
                Boolean.TRUE.equals(row.get("ended", Boolean.class)),
                row.get("installer", UUID.class),
                row.get("commissioning", String.class),
                Boolean.TRUE.equals(row.get("released", Boolean.class)),
                Boolean.TRUE.equals(row.get("open", Boolean.class)),
                row.get("losing", UUID.class));
    }
}
