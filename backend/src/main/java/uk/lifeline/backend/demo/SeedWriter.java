package uk.lifeline.backend.demo;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.customer.SupplyPointNumbers;

/**
 * Writes reference data (suppliers, people, premises, supply points, devices) for the demo and for tests. Supply
 * point numbers are checked on the way in. There is no admin API for this data yet; a later issue adds one.
 * Thread-safe.
 */
@Component
public class SeedWriter {

    private final DatabaseClient db;

    public SeedWriter(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> supplier(UUID id, String code, String name, String originatorId) {
        return run(db.sql("INSERT INTO supplier (id, code, name, originator_id) VALUES (:id, :code, :name, :o)")
                .bind("id", id)
                .bind("code", code)
                .bind("name", name)
                .bind("o", originatorId));
    }

    public Mono<Void> customer(UUID id, UUID supplier, String accountNumber, String name, String phone) {
        var spec = db.sql("INSERT INTO customer_account (id, supplier_id, account_number, name, phone)"
                        + " VALUES (:id, :s, :n, :name, :phone)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("n", accountNumber)
                .bind("name", name);
        return run(phone == null ? spec.bindNull("phone", String.class) : spec.bind("phone", phone));
    }

    /** @param customer the customer's account for role CUSTOMER, otherwise null */
    public Mono<Void> user(
            UUID id,
            UUID supplier,
            String username,
            String passwordHash,
            String displayName,
            String role,
            UUID customer) {
        var spec = db.sql("INSERT INTO app_user (id, supplier_id, username, password_hash, display_name, role,"
                        + " customer_account_id) VALUES (:id, :s, :u, :p, :d, :r, :c)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("u", username)
                .bind("p", passwordHash)
                .bind("d", displayName)
                .bind("r", role);
        return run(customer == null ? spec.bindNull("c", UUID.class) : spec.bind("c", customer));
    }

    public Mono<Void> premises(UUID id, UUID supplier, UUID customer, String address, String postcode) {
        return run(db.sql("INSERT INTO premises (id, supplier_id, customer_account_id, address, postcode)"
                        + " VALUES (:id, :s, :c, :a, :p)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("a", address)
                .bind("p", postcode));
    }

    /** @throws IllegalArgumentException for an MPAN or MPRN whose check digits do not match */
    public Mono<Void> supplyPoint(UUID id, UUID supplier, UUID premises, String fuel, String mpxn) {
        boolean valid = fuel.equals("ELECTRICITY")
                ? SupplyPointNumbers.isValidMpan(mpxn)
                : SupplyPointNumbers.isValidMprn(mpxn);
        if (!valid) {
            return Mono.error(new IllegalArgumentException(
                    "not a valid " + (fuel.equals("ELECTRICITY") ? "MPAN" : "MPRN") + ": " + mpxn));
        }
        return run(db.sql("INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)"
                        + " VALUES (:id, :s, :p, :f, :m)")
                .bind("id", id)
                .bind("s", supplier)
                .bind("p", premises)
                .bind("f", fuel)
                .bind("m", mpxn));
    }

    /** @param supplyPoint null for a PPMID or hub; {@code publicKeyPem} likewise */
    public Mono<Void> device(
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

    private static Mono<Void> run(DatabaseClient.GenericExecuteSpec spec) {
        return spec.fetch().rowsUpdated().then();
    }
}
