package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import uk.lifeline.backend.database.IndexPlans;
import uk.lifeline.backend.testing.BackendTest;

/**
 * The push claim's plan when the statistics say the queue holds nothing pending, as they do while a first campaign
 * fills it and whenever pushing keeps up: every read of the queue through its own index, none filtered row by row.
 */
class ClaimPlanTest extends BackendTest {

    @Autowired
    TransactionalOperator tx;

    @Test
    void theClaimReadsTheQueueThroughOneIndexPerReadWhateverTheStatisticsSay() {
        db.sql("ANALYZE push_delivery").then().block();

        List<String> plan = IndexPlans.indexed(
                        db,
                        tx,
                        db.sql("EXPLAIN " + Dispatcher.CLAIM)
                                .bind("now", Instant.now())
                                .bind("limit", 500)
                                .bind("scan", 1001)
                                .bind("lease", Instant.now().plusSeconds(60))
                                .bind("me", "plan-test")
                                .map(row -> row.get(0, String.class))
                                .all())
                .collectList()
                .block();

        String text = String.join("\n", plan);
        assertThat(text)
                .as(text)
                .contains("Index Scan using push_delivery_due on push_delivery")
                .contains("Index Scan using push_delivery_pending_by_phone on push_delivery")
                .doesNotContain("push_delivery_expiring")
                .doesNotContain("Seq Scan on push_delivery");
        // Each claimed delivery is joined to its phone by key or carries its token, never compared with every phone
        // claimed: planned for the one row a CTE is guessed to hold, that join was a nested loop over all 500 phones
        // for each of 500 deliveries, 60% of a full claim's time (auto_explain in the campaign bench).
        assertThat(text).as(text).doesNotContain("Join Filter");
        // A partial index of the queue is read only by its key, never walked and filtered row by row.
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).matches(".*Index Scan using push_delivery_(due|pending_by_phone) .*")) {
                assertThat(plan.get(i + 1)).as(text).contains("Index Cond:");
            }
        }
    }
}
