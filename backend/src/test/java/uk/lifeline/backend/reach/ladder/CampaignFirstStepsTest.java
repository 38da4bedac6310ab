package uk.lifeline.backend.reach.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.demo.DemoMeterKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Fleet;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.code.Pem;

/**
 * A campaign page writes its codes' first steps itself, in its own transaction: with the ladder's loop stopped for
 * the whole campaign, every code of it still has its TEXT step, due at the app's deadline for an emergency notice,
 * and the ladder's read of the outbox, which now skips campaign messages, adds none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.campaigns.page-size=4",
            "lifeline.campaigns.poll-interval=100ms",
            "lifeline.reach.ladder.emergency-app-deadline=20m"
        })
class CampaignFirstStepsTest extends BackendTest {

    @Autowired
    LadderRunner loop;

    @Autowired
    Ladder ladder;

    private Tenant t;

    @BeforeAll
    void seed() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("lf");
        Fleet.seed(
                db,
                t.supplierId,
                "LF1 1AA",
                9,
                "NO_WAN",
                6,
                "first-",
                Pem.encode(DemoMeterKeys.generate().getPublic()));
    }

    @Test
    void everyCodeOfACampaignHasItsFirstStepFromThePageThatMadeIt() {
        loop.stop();
        try {
            Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
            String campaign = (String) post(
                            t.token("ops"),
                            "/api/v1/notices",
                            Map.of(
                                    "title",
                                    "Snow",
                                    "message",
                                    "Supply stays on",
                                    "reason",
                                    "snow",
                                    "area",
                                    Map.of("districts", List.of("LF1")),
                                    "startsAt",
                                    from.toString(),
                                    "endsAt",
                                    from.plus(Duration.ofDays(1)).toString()))
                    .expectStatus()
                    .isCreated()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id");
            Eventually.until(
                    () -> count("SELECT count(*) FROM campaign WHERE id = '" + campaign + "' AND status = 'COMPLETED'")
                            == 1,
                    Duration.ofSeconds(30));

            String steps = """
                    SELECT count(*) FROM campaign_target t
                    JOIN outbox_message m ON m.subject_id = t.code_id AND m.kind = 'code'
                    JOIN reach_step p ON p.code_id = t.code_id
                    WHERE t.campaign_id = '%s' AND p.step = 'TEXT' AND p.state = 'WAITING'
                      AND p.campaign_id = t.campaign_id AND p.customer_account_id = t.customer_account_id
                      AND p.due_at = m.created_at + interval '20 minutes'
                    """.formatted(campaign);
            assertThat(count("SELECT count(*) FROM campaign_target WHERE campaign_id = '" + campaign
                            + "' AND state = 'CODED'"))
                    .isEqualTo(9);
            assertThat(count(steps)).isEqualTo(9);

            ladder.step().block();
            assertThat(count("SELECT count(*) FROM reach_step WHERE campaign_id = '" + campaign + "'"))
                    .isEqualTo(9);
        } finally {
            loop.start();
        }
    }
}
