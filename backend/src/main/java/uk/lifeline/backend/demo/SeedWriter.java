package uk.lifeline.backend.demo;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.commissioning.PremisesRegister;
import uk.lifeline.backend.customer.CustomerAccounts;
import uk.lifeline.backend.customer.SupplyPointNumbers;

/**
 * Writes reference data (suppliers, people, premises, supply points, devices) for the demo and for tests. Supply
 * point numbers are checked on the way in. There is no admin API for this data yet; a later issue adds one. Accounts,
 * premises, supply points and devices go through their owners ({@link CustomerAccounts}, {@link PremisesRegister});
 * suppliers and staff sign-ins have no other writer until onboarding exists, so their statements are here.
 * Thread-safe.
 */
@Component
public class SeedWriter {

    private final DatabaseClient db;
    private final CustomerAccounts accounts;
    private final PremisesRegister register;

    public SeedWriter(DatabaseClient db, CustomerAccounts accounts, PremisesRegister register) {
        this.db = db;
        this.accounts = accounts;
        this.register = register;
    }

    public Mono<Void> supplier(UUID id, String code, String name, String originatorId) {
        return run(db.sql("INSERT INTO supplier (id, code, name, originator_id) VALUES (:id, :code, :name, :o)")
                .bind("id", id)
                .bind("code", code)
                .bind("name", name)
                .bind("o", originatorId));
    }

    public Mono<Void> customer(UUID id, UUID supplier, String accountNumber, String name, String phone) {
        return accounts.open(id, supplier, accountNumber, name, phone);
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
        return register.addPremises(id, supplier, customer, address, postcode);
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
        return register.addSupplyPoint(id, supplier, premises, fuel, mpxn);
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
        return register.addDevice(id, supplier, premises, supplyPoint, eui64, type, publicKeyPem, wanState);
    }

    private static Mono<Void> run(DatabaseClient.GenericExecuteSpec spec) {
        return spec.fetch().rowsUpdated().then();
    }
}
