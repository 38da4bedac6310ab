package uk.lifeline.backend.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Seeds many meters at once, in one statement: {@code count} customers, each with a premises at {@code postcode},
 * an electricity supply point and one ESME in the given WAN state sharing one public key, the first
 * {@code phones} of them with a registered phone whose token is {@code <tokenPrefix><n>}.
 */
public final class Fleet {

    private static final AtomicLong NEXT = new AtomicLong(0x00F1_0000_0000_0000L);

    private Fleet() {}

    public static long seed(
            DatabaseClient db,
            UUID supplier,
            String postcode,
            int count,
            String wan,
            int phones,
            String tokenPrefix,
            String publicKeyPem) {
        long base = NEXT.getAndAdd(count + 1L);
        String prefix = "F" + Long.toHexString(base);
        return db.sql("""
                        WITH n AS (SELECT g, gen_random_uuid() AS a, gen_random_uuid() AS p, gen_random_uuid() AS sp,
                                     gen_random_uuid() AS d FROM generate_series(1, :count) g),
                         acc AS (INSERT INTO customer_account (id, supplier_id, account_number, name, phone)
                                 SELECT a, :s, :prefix || '-' || g, 'Fleet customer ' || g, '0113 496 0' || g FROM n),
                         pre AS (INSERT INTO premises (id, supplier_id, customer_account_id, address, postcode)
                                 SELECT p, :s, a, g || ' Fleet Road', :postcode FROM n),
                         spt AS (INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)
                                 SELECT sp, :s, p, 'ELECTRICITY', lpad(((:base % 1000000000) * 10 + g)::text, 13, '0')
                                 FROM n),
                         dev AS (INSERT INTO device (id, supplier_id, premises_id, supply_point_id, eui64, device_type,
                                   ka_public_key, wan_state)
                                 SELECT d, :s, p, sp, upper(lpad(to_hex(:base + g), 16, '0')), 'ESME', :key, :wan FROM n),
                         ph AS (INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token,
                                  platform, registered_at)
                                SELECT gen_random_uuid(), :s, a, gen_random_uuid(), :tokens || g, 'android', now()
                                FROM n WHERE g <= :phones)
                        SELECT count(*) AS n FROM n
                        """)
                .bind("count", count)
                .bind("s", supplier)
                .bind("prefix", prefix)
                .bind("postcode", postcode)
                .bind("base", base)
                .bind("key", publicKeyPem)
                .bind("wan", wan)
                .bind("tokens", tokenPrefix)
                .bind("phones", phones)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }
}
