package uk.lifeline.backend.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.BackgroundLoop;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Fleet;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.code.Pem;

/**
 * Campaigns survive what stops them: workers killed mid-page, a crash just before a page commits, several
 * instances' workers on one campaign. Each ends with exactly one code per meter, no meter skipped, and every
 * meter's counters without gaps. This backend has no FCM configured (the embedded default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.campaigns.page-size=20",
            "lifeline.campaigns.workers=2",
            "lifeline.campaigns.poll-interval=100ms"
        })
class CampaignRestartTest extends BackendTest {

    @Autowired
    CampaignRunner runner;

    @Autowired
    CampaignPages pages;

    @Autowired
    CampaignProperties properties;

    private Tenant t;
    private String ops;

    @BeforeAll
    void seed() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("rs");
        ops = t.token("ops");
        String key =
                Pem.encode(uk.lifeline.backend.demo.DemoMeterKeys.generate().getPublic());
        Fleet.seed(db, t.supplierId, "KL1 1AA", 240, "NO_WAN", 0, "x-", key);
        Fleet.seed(db, t.supplierId, "KL2 2BB", 240, "NO_WAN", 0, "y-", key);
    }

    private UUID start(String district) {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        return post(
                        ops,
                        "/api/v1/notices",
                        NoticeCampaignTest.notice(List.of(district), from, from.plus(Duration.ofDays(2))))
                .expectStatus()
                .isCreated()
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody()
                .id();
    }

    private long coded(UUID campaign) {
        return count("SELECT count(*) FROM campaign_target WHERE campaign_id = '" + campaign + "' AND state = 'CODED'");
    }

    private static void await(BooleanSupplier condition, Duration within) {
        Eventually.until(condition, within);
    }

    /** Every meter coded exactly once by this campaign, and each meter's counters run 1..n without a gap. */
    private void exactlyOnce(UUID campaign, long meters) {
        String c = "'" + campaign + "'";
        assertThat(count("SELECT count(*) FROM campaign_target WHERE campaign_id = " + c))
                .isEqualTo(meters);
        assertThat(coded(campaign)).isEqualTo(meters);
        assertThat(count("SELECT count(*) FROM code WHERE reason LIKE 'campaign " + campaign + ":%'"))
                .isEqualTo(meters);
        assertThat(count("SELECT count(DISTINCT k.device_id) FROM code k JOIN campaign_target x"
                        + " ON x.code_id = k.id AND x.device_id = k.device_id WHERE x.campaign_id = " + c))
                .isEqualTo(meters);
        assertThat(count("SELECT count(*) FROM campaign_target x JOIN code_counter n ON n.device_id = x.device_id"
                        + " WHERE x.campaign_id = " + c + " AND n.next_counter - 1 <> (SELECT count(*) FROM code k"
                        + " WHERE k.device_id = x.device_id)"))
                .as("counters with gaps")
                .isZero();
        assertThat(count("SELECT count(*) FROM outbox_message WHERE campaign_id = " + c + " AND kind = 'code'"))
                .isEqualTo(meters);
        String pages = "FROM (SELECT entry::jsonb AS j FROM audit_log) e WHERE j->>'action' = 'campaign.codes.issued'"
                + " AND j->>'subject' = 'campaign:" + campaign + "'";
        assertThat(count("SELECT sum(jsonb_array_length(j->'details'->'codes')) " + pages))
                .as("each meter's code in one page's audit entry")
                .isEqualTo(meters);
        assertThat(count("SELECT count(*) " + pages + " AND j->'details'->>'instance' IS DISTINCT FROM '"
                        + ManagementFactory.getRuntimeMXBean().getName() + "'"))
                .as("pages not naming the instance (this JVM) that coded them")
                .isZero();
        assertThat(count("SELECT count(*) FROM customer_notice n JOIN campaign k ON k.notice_id = n.notice_id"
                        + " WHERE k.id = " + c))
                .isEqualTo(meters);
        assertThat(get(ops, "/api/v1/campaigns/" + campaign)
                        .expectStatus()
                        .isOk()
                        .expectBody(CampaignView.class)
                        .returnResult()
                        .getResponseBody()
                        .status())
                .isEqualTo("COMPLETED");
    }

    @Test
    void workersKilledMidCampaignAndACrashBeforeCommitLeaveNoDuplicatesAndNoGaps() {
        AtomicInteger pagesSeen = new AtomicInteger();
        // The fifth page dies after writing everything, just before its commit.
        pages.beforeCommit = () -> {
            if (pagesSeen.incrementAndGet() == 5) {
                throw new IllegalStateException("simulated crash before commit");
            }
        };
        try {
            UUID campaign = start("KL1");
            await(() -> coded(campaign) >= 100, Duration.ofSeconds(60));
            runner.stop();
            long whenKilled = coded(campaign);
            assertThat(whenKilled).isLessThan(240);
            NoticeCampaignTest.sleep(300);
            assertThat(coded(campaign)).isEqualTo(whenKilled);
            assertThat(count("SELECT count(*) FROM campaign_target WHERE campaign_id = '" + campaign
                            + "' AND state = 'PENDING'"))
                    .isEqualTo(240 - whenKilled);

            runner.start();
            await(
                    () -> "COMPLETED"
                            .equals(db.sql("SELECT status FROM campaign WHERE id = :id")
                                    .bind("id", campaign)
                                    .map(r -> r.get("status", String.class))
                                    .one()
                                    .block()),
                    Duration.ofSeconds(90));
            assertThat(pagesSeen.get()).isGreaterThanOrEqualTo(13);
            exactlyOnce(campaign, 240);
        } finally {
            pages.beforeCommit = () -> {};
            runner.start();
        }
    }

    @Test
    void withoutFcmConfiguredHealthSaysPushIsOffAndMessagesWait() {
        get(null, "/actuator/health")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.push.status")
                .isEqualTo("UP")
                .jsonPath("$.components.push.description")
                .value(d -> assertThat((String) d).startsWith("push OFF: FCM is not configured"));
        assertThat(count("SELECT count(*) FROM push_delivery WHERE state = 'SENT'"))
                .isZero();
    }

    @Test
    void severalInstancesShareOneCampaignWithoutOverlap() {
        // Three more workers beside this instance's two: to the database, other instances claiming pages.
        BackgroundLoop others = new BackgroundLoop("other-instance", 3, Duration.ofMillis(50), pages::step);
        AtomicInteger pagesSeen = new AtomicInteger();
        pages.beforeCommit = pagesSeen::incrementAndGet;
        others.start();
        try {
            UUID campaign = start("KL2");
            await(
                    () -> "COMPLETED"
                            .equals(db.sql("SELECT status FROM campaign WHERE id = :id")
                                    .bind("id", campaign)
                                    .map(r -> r.get("status", String.class))
                                    .one()
                                    .block()),
                    Duration.ofSeconds(90));
            exactlyOnce(campaign, 240);
            assertThat(pagesSeen.get()).isEqualTo(12);
            assertThat(properties.pageSize()).isEqualTo(20);
        } finally {
            others.stop();
            pages.beforeCommit = () -> {};
        }
    }
}
