package uk.lifeline.backend.commissioning;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A supplier's register of the premises it supplies, their supply points (MPAN or MPRN) and devices: the one writer
 * of {@code premises} and {@code supply_point}, and of {@code device} with {@link Registrations} (which finds a
 * registration and records a device joining the WAN). A change of supplier ends and opens premises and copies meters through it; the
 * demo data is seeded through it. Callers check what they put in (an MPAN's check digit, a supplier's earlier
 * premises). Thread-safe; joins the caller's transaction.
 */
@Component
public class PremisesRegister {

    private final DatabaseClient db;

    PremisesRegister(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> addPremises(UUID id, UUID supplier, UUID customer, String address, String postcode) {
        return run(db.sql("INSERT INTO premises (id, supplier_id, customer_account_id, address, postcode)"
                        + " VALUES (:id, :s, :c, :a, :p)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("a", address)
                .bind("p", postcode));
    }

    /** The supplier supplies its earlier premises again, for this account, at the address given. */
    public Mono<Void> reopenPremises(UUID supplier, UUID premises, UUID customer, String address, String postcode) {
        return run(db.sql("""
                        UPDATE premises SET supply_ended_at = NULL, customer_account_id = :a, address = :address,
                          postcode = :postcode
                        WHERE supplier_id = :g AND id = :p
                        """)
                .bind("a", customer)
                .bind("address", address)
                .bind("postcode", postcode)
                .bind("g", supplier)
                .bind("p", premises));
    }

    /** The supplier's supply at the premises ended; its rows stay, for its history. */
    public Mono<Void> endSupply(UUID supplier, UUID premises, Instant now) {
        return run(db.sql("UPDATE premises SET supply_ended_at = :now WHERE supplier_id = :s AND id = :p")
                .bind("now", now)
                .bind("s", supplier)
                .bind("p", premises));
    }

    public Mono<Void> addSupplyPoint(UUID id, UUID supplier, UUID premises, String fuel, String mpxn) {
        return run(db.sql("INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)"
                        + " VALUES (:id, :s, :p, :f, :m)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("p", premises)
                .bind("f", fuel)
                .bind("m", mpxn));
    }

    /** @param supplyPoint null for a PPMID or hub; {@code publicKeyPem} likewise */
    public Mono<Void> addDevice(
            UUID id,
            UUID supplier,
            UUID premises,
            UUID supplyPoint,
            String eui64,
            String type,
            String publicKeyPem,
            String wanState) {
        var spec = db.sql("INSERT INTO device (id, supplier_id, premises_id, supply_point_id, eui64, device_type,"
                        + " ka_public_key, wan_state) VALUES (:id, :s, :p, :sp, :e, :t, :k, :w)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("p", premises)
                .bind("e", eui64)
                .bind("t", type)
                .bind("w", wanState);
        spec = supplyPoint == null ? spec.bindNull("sp", UUID.class) : spec.bind("sp", supplyPoint);
        spec = publicKeyPem == null ? spec.bindNull("k", String.class) : spec.bind("k", publicKeyPem);
        return run(spec);
    }

    /**
     * Copies one supplier's supply points and devices at a premises to another's premises (the gaining side of a
     * change of supplier): the same MPAN/MPRNs and EUI-64s, the meters' public keys and WAN states. A device the
     * gaining supplier registered before moves to the new premises.
     */
    public Mono<Void> copyMeters(UUID fromSupplier, UUID fromPremises, UUID toSupplier, UUID toPremises) {
        Mono<Long> supplyPoints = db.sql("""
                        INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)
                        SELECT gen_random_uuid(), :g, :gp, fuel, mpxn FROM supply_point
                        WHERE supplier_id = :l AND premises_id = :lp
                        ON CONFLICT (supplier_id, mpxn) DO NOTHING
                        """)
                .bind("g", toSupplier)
                .bind("gp", toPremises)
                .bind("l", fromSupplier)
                .bind("lp", fromPremises)
                .fetch()
                .rowsUpdated();
        Mono<Long> devices = db.sql("""
                        INSERT INTO device (id, supplier_id, premises_id, supply_point_id, eui64, device_type,
                          ka_public_key, wan_state)
                        SELECT gen_random_uuid(), :g, :gp, gsp.id, ld.eui64, ld.device_type, ld.ka_public_key,
                          ld.wan_state
                        FROM device ld
                        LEFT JOIN supply_point lsp ON lsp.supplier_id = ld.supplier_id AND lsp.id = ld.supply_point_id
                        LEFT JOIN supply_point gsp ON gsp.supplier_id = :g AND gsp.mpxn = lsp.mpxn
                        WHERE ld.supplier_id = :l AND ld.premises_id = :lp
                        ON CONFLICT (supplier_id, eui64) DO UPDATE SET premises_id = EXCLUDED.premises_id,
                          supply_point_id = EXCLUDED.supply_point_id, device_type = EXCLUDED.device_type,
                          ka_public_key = EXCLUDED.ka_public_key, wan_state = EXCLUDED.wan_state
                        """)
                .bind("g", toSupplier)
                .bind("gp", toPremises)
                .bind("l", fromSupplier)
                .bind("lp", fromPremises)
                .fetch()
                .rowsUpdated();
        return supplyPoints.then(devices).then();
    }

    private static Mono<Void> run(DatabaseClient.GenericExecuteSpec spec) {
        return spec.fetch().rowsUpdated().then();
    }
}
