package uk.lifeline.backend.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Fleet;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.code.Pem;

/**
 * Campaigns code Priority Services Register customers' meters first (issue 17): the medically dependent, then the
 * other PSR customers, then everyone else, page by page. The PSR customers are the ones whose meters would
 * otherwise come last (highest device ids), so the order is the rank's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.campaigns.enabled=false",
            "lifeline.campaigns.page-size=5",
            "lifeline.campaigns.prime-secrets=false"
        })
class CampaignPsrOrderTest extends BackendTest {

    @Autowired
    CampaignPages pages;

    private Tenant t;
    private List<UUID> last;

    @BeforeAll
    void seed() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("po");
        String key =
                Pem.encode(uk.lifeline.backend.demo.DemoMeterKeys.generate().getPublic());
        Fleet.seed(db, t.supplierId, "PS1 1AA", 30, "NO_WAN", 0, "p-", key);
        last = db.sql("""
                        SELECT p.customer_account_id FROM device d JOIN premises p ON p.id = d.premises_id
                        WHERE p.postcode = 'PS1 1AA' ORDER BY d.id DESC LIMIT 6
                        """).map(r -> r.get(0, UUID.class)).all().collectList().block();
        // The very last two are medically dependent, the four before them on the register for other needs.
        for (int i = 0; i < 6; i++) {
            psr(last.get(i), i < 2 ? List.of("oxygen-use", "blind") : List.of("pensionable-age"));
        }
    }

    private void psr(UUID customer, List<String> needs) {
        http.put()
                .uri("/api/v1/customers/" + customer + "/psr")
                .headers(h -> h.setBearerAuth(t.token("agent")))
                .bodyValue(Map.of(
                        "needs",
                        needs,
                        "consent",
                        true,
                        "reviewDate",
                        LocalDate.now().plusMonths(6).toString()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private Set<UUID> coded(UUID campaign) {
        return db.sql("SELECT customer_account_id FROM campaign_target WHERE campaign_id = :c AND state = 'CODED'")
                .bind("c", campaign)
                .map(r -> r.get(0, UUID.class))
                .all()
                .collect(Collectors.toSet())
                .block();
    }

    @Test
    void aCampaignCodesTheMedicallyDependentThenOtherPsrCustomersBeforeEveryoneElse() {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        UUID campaign = post(
                        t.token("ops"),
                        "/api/v1/notices",
                        NoticeCampaignTest.notice(List.of("PS1"), from, from.plus(Duration.ofDays(2))))
                .expectStatus()
                .isCreated()
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody()
                .id();
        assertThat(count("SELECT count(*) FROM campaign_target WHERE campaign_id = '" + campaign + "'"))
                .isEqualTo(30);

        assertThat(pages.step().block()).isEqualTo(5);
        Set<UUID> first = coded(campaign);
        assertThat(first).hasSize(5).containsAll(last.subList(0, 2)).isSubsetOf(last);

        assertThat(pages.step().block()).isEqualTo(5);
        Set<UUID> second = coded(campaign);
        assertThat(second).hasSize(10).containsAll(last);

        while (pages.step().block() > 0) {
            // the rest, in device order
        }
        assertThat(coded(campaign)).hasSize(30);
    }
}
