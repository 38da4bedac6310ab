package uk.lifeline.backend.commissioning;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.meter.DeviceType;

/** Finds a supplier's own registration of a device, by EUI-64 or by MPAN/MPRN. Thread-safe. */
@Component
public class Registrations {

    private static final String SELECT = """
            SELECT d.id, d.supplier_id, d.eui64, d.device_type, d.wan_state, p.id AS premises_id, p.postcode,
              p.customer_account_id, sp.mpxn, p.supply_ended_at, cc.codes_blocked
            FROM device d
            JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
            LEFT JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
            LEFT JOIN code_counter cc ON cc.supplier_id = d.supplier_id AND cc.device_id = d.id
            """;

    private final DatabaseClient db;

    Registrations(DatabaseClient db) {
        this.db = db;
    }

    /** The supplier's registration of the device, current or ended, or empty. */
    public Mono<Registration> byEui(UUID supplierId, String eui64) {
        return db.sql(SELECT + " WHERE d.supplier_id = :s AND d.eui64 = :e")
                .bind("s", supplierId)
                .bind("e", eui64)
                .map(Registrations::read)
                .one();
    }

    /** The meter on the supplier's supply point with this MPAN core or MPRN, or empty. */
    public Mono<Registration> byMpxn(UUID supplierId, String mpxn) {
        return db.sql(SELECT + " WHERE d.supplier_id = :s AND sp.mpxn = :m AND d.device_type IN ('ESME', 'GSME')")
                .bind("s", supplierId)
                .bind("m", mpxn)
                .map(Registrations::read)
                .one();
    }

    /** The device joined the WAN (it was commissioned). */
    Mono<Void> onTheWan(Registration r) {
        return db.sql("UPDATE device SET wan_state = 'COMMISSIONED_WAN' WHERE supplier_id = :s AND id = :d")
                .bind("s", r.supplierId())
                .bind("d", r.deviceId())
                .fetch()
                .rowsUpdated()
                .then();
    }

    static Registration read(Readable row) {
        return new Registration(
                row.get("id", UUID.class),
                row.get("supplier_id", UUID.class),
                row.get("eui64", String.class),
                DeviceType.valueOf(row.get("device_type", String.class)),
                row.get("wan_state", String.class),
                row.get("premises_id", UUID.class),
                row.get("postcode", String.class),
                row.get("customer_account_id", UUID.class),
                row.get("mpxn", String.class),
                row.get("supply_ended_at", Instant.class),
                row.get("codes_blocked", String.class));
    }
}
