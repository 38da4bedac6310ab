package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.demo.DemoMeterKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Fleet;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.code.Pem;

/**
 * The read of a page's kept meter secrets after many meters were primed since the table's statistics were taken,
 * as happens when a supplier provisions meters in bulk and a campaign follows: one lookup by the whole key per
 * meter, never every kept secret compared with every meter of the page (up to a second a page in the campaign
 * bench's warm-up, a third of a first campaign's speed).
 */
@TestPropertySource(properties = "lifeline.campaigns.enabled=false")
class KeptSecretsPlanTest extends BackendTest {

    @Test
    void aPageOfKeptSecretsIsReadByKeyAfterTheTableGrewPastItsStatistics() {
        db.sql("ANALYZE meter_secret").then().block();
        Tenant t = tenant("ks");
        String key = Pem.encode(DemoMeterKeys.generate().getPublic());
        Fleet.seed(db, t.supplierId, "KS1 1AA", 5000, "NO_WAN", 0, "ks-", key);
        db.sql("""
                        INSERT INTO meter_secret (supplier_id, device_id, supplier_kid, wrapped, created_at)
                        SELECT supplier_id, id, 'plan-kid', decode(md5(id::text), 'hex'), now() FROM device
                        WHERE supplier_id = :s
                        """).bind("s", t.supplierId).then().block();
        String[] page = db.sql("SELECT id FROM device WHERE supplier_id = :s ORDER BY id LIMIT 500")
                .bind("s", t.supplierId)
                .map(row -> row.get(0, UUID.class).toString())
                .all()
                .collectList()
                .block()
                .toArray(String[]::new);

        List<String> plan = db.sql("EXPLAIN " + MeterSecrets.KEPT)
                .bind("ids", page)
                .bind("s", t.supplierId)
                .bind("kid", "plan-kid")
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block();

        String text = String.join("\n", plan);
        assertThat(text)
                .as(text)
                .contains("Index Scan using meter_secret_pkey on meter_secret")
                .contains("device_id = u.id")
                .doesNotContain("Join Filter")
                .doesNotContain("Seq Scan on meter_secret")
                .doesNotContain("Hash");
    }
}
