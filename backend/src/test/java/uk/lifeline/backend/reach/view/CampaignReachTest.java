package uk.lifeline.backend.reach.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** A notice's reach per channel never reads as done while customers are unreached; the list says who. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"lifeline.reach.ladder.enabled=false", "lifeline.campaigns.poll-interval=100ms"})
class CampaignReachTest extends BackendTest {

    @Autowired
    CodeDesk codes;

    private final ObjectMapper json = new ObjectMapper();
    private Tenant t;
    private Tenant other;

    @BeforeAll
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("cr");
        other = tenant("cs");
    }

    private JsonNode body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec r) {
        try {
            return json.readTree(r.expectBody(String.class).returnResult().getResponseBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCompletedNoticeWhoseCustomersWereNotReachedIsNotDoneAndListsThem() {
        String ops = t.token("ops");
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String campaign = body(post(
                                ops,
                                "/api/v1/notices",
                                Map.of(
                                        "title",
                                        "Severe cold",
                                        "message",
                                        "Supply stays on",
                                        "reason",
                                        "red warning",
                                        "area",
                                        Map.of("districts", List.of("LS6")),
                                        "startsAt",
                                        from.toString(),
                                        "endsAt",
                                        from.plus(Duration.ofDays(2)).toString()))
                        .expectStatus()
                        .isCreated())
                .path("id")
                .asText();
        Eventually.until(
                () -> "COMPLETED"
                        .equals(body(get(ops, "/api/v1/campaigns/" + campaign))
                                .path("status")
                                .asText()),
                Duration.ofSeconds(60));

        JsonNode reach = body(get(ops, "/api/v1/campaigns/" + campaign + "/reach")
                .expectStatus()
                .isOk());
        assertThat(reach.path("coded").asLong()).isEqualTo(2);
        assertThat(reach.path("notYetReached").asLong()).isEqualTo(2);
        assertThat(reach.path("done").asBoolean()).isFalse();
        assertThat(reach.path("app").path("sent").asLong()).isZero();
        assertThat(reach.path("sms").path("delivered").asLong()).isZero();

        List<String> codeIds = db.sql("SELECT code_id FROM campaign_target WHERE campaign_id = :c")
                .bind("c", UUID.fromString(campaign))
                .map(r -> r.get(0, UUID.class).toString())
                .all()
                .collectList()
                .block();
        codes.recordEntered(t.supplierId, UUID.fromString(codeIds.get(0)), Channel.SMS, Instant.now())
                .block();
        reach = body(get(ops, "/api/v1/campaigns/" + campaign + "/reach")
                .expectStatus()
                .isOk());
        assertThat(reach.path("confirmedEntered").asLong()).isEqualTo(1);
        assertThat(reach.path("notYetReached").asLong()).isEqualTo(1);

        JsonNode list = body(http.get()
                .uri("/api/v1/campaigns/" + campaign + "/unreached")
                .headers(h -> h.setBearerAuth(ops))
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).path("accountNumber").asText()).isEqualTo("cr-ACC-1");
        assertThat(list.path("items").get(0).path("codeId").asText()).isEqualTo(codeIds.get(1));
        assertThat(list.path("items").get(0).path("tried").asText()).isEqualTo("app only so far");

        String csv = http.get()
                .uri("/api/v1/campaigns/" + campaign + "/unreached")
                .headers(h -> h.setBearerAuth(ops))
                .accept(MediaType.parseMediaType("text/csv"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv).startsWith("account_number,name,code_id,tried\r\n").contains("cr-ACC-1", codeIds.get(1));

        get(other.token("ops"), "/api/v1/campaigns/" + campaign + "/reach")
                .expectStatus()
                .isNotFound();
        get(other.token("ops"), "/api/v1/campaigns/" + campaign + "/unreached")
                .expectStatus()
                .isNotFound();
        get(t.token("agent"), "/api/v1/campaigns/" + campaign + "/reach")
                .expectStatus()
                .isForbidden();
        get(ops, "/api/v1/campaigns/nonsense/reach").expectStatus().isNotFound();
    }
}
