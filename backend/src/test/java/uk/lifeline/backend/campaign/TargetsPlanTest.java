package uk.lifeline.backend.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.database.IndexPlans;
import uk.lifeline.backend.testing.BackendTest;

/**
 * A page marks its targets done by the addresses its claim locked them at, even while the campaign's targets are newer than the table's
 * statistics (as every campaign's are at launch): the planner then guessed a few targets for the campaign and
 * hashed all of them for each page, 100,000 rows read per page of 500 in the campaign bench.
 */
@TestPropertySource(properties = "lifeline.campaigns.enabled=false")
class TargetsPlanTest extends BackendTest {

    @Autowired
    TransactionalOperator tx;

    @Test
    void aPagesTargetsAreReadByTheirAddressesNotTheWholeCampaignAfterTheTableGrewPastItsStatistics() {
        db.sql("ANALYZE campaign_target").then().block();
        UUID campaign = UUID.randomUUID();
        db.sql("""
                        INSERT INTO campaign_target (campaign_id, device_id, supplier_id, customer_account_id, state)
                        SELECT :c, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'PENDING'
                        FROM generate_series(1, 5000)
                        """).bind("c", campaign).then().block();
        List<List<String>> targets = db.sql("SELECT ctid::text, device_id FROM campaign_target WHERE campaign_id = :c"
                        + " ORDER BY device_id LIMIT 500")
                .bind("c", campaign)
                .map(row ->
                        List.of(row.get(0, String.class), row.get(1, UUID.class).toString()))
                .all()
                .collectList()
                .block();
        String[] rows = targets.stream().map(r -> r.get(0)).toArray(String[]::new);
        String[] page = targets.stream().map(r -> r.get(1)).toArray(String[]::new);
        String[] states = new String[page.length];
        Arrays.fill(states, TargetState.CODED.name());
        Boolean[] phones = new Boolean[page.length];
        Arrays.fill(phones, Boolean.TRUE);

        List<String> plan = tx.transactional(IndexPlans.withoutSequentialScans(
                        db,
                        db.sql("EXPLAIN " + CampaignPages.MARK_TARGETS)
                                .bind("now", Instant.now())
                                .bind("rows", rows)
                                .bind("devices", page)
                                .bind("states", states)
                                .bind("codes", new String[page.length])
                                .bind("phones", phones)
                                .bind("errors", new String[page.length])
                                .map(row -> row.get(0, String.class))
                                .all()))
                .collectList()
                .block();

        String text = String.join("\n", plan);
        assertThat(text)
                .as(text)
                .contains("Tid Scan on campaign_target t")
                .contains("TID Cond: (ctid = ANY")
                .doesNotContain("Seq Scan on campaign_target")
                .doesNotContain("Index Scan using campaign_target_pkey")
                .doesNotContain("Bitmap Heap Scan on campaign_target");
    }

    @Test
    void thePlannersOwnSettingsAreBackForTheRestOfTheTransaction() {
        String sequentialScans = tx.transactional(IndexPlans.withoutSequentialScans(db, Flux.<String>empty())
                        .thenMany(db.sql("SHOW enable_seqscan")
                                .map(row -> row.get(0, String.class))
                                .all()))
                .blockFirst();
        assertThat(sequentialScans).isEqualTo("on");
    }

    @Test
    void aSettingTheTransactionMadeBeforeIsKept() {
        String sequentialScans = tx.transactional(db.sql("SET LOCAL enable_seqscan = off")
                        .then()
                        .thenMany(IndexPlans.withoutSequentialScans(db, Flux.<String>empty()))
                        .thenMany(db.sql("SHOW enable_seqscan")
                                .map(row -> row.get(0, String.class))
                                .all()))
                .blockFirst();
        assertThat(sequentialScans).isEqualTo("off");
    }
}
