package uk.lifeline.backend.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.FakeFcm;
import uk.lifeline.backend.delivery.FakeFcmConfig;
import uk.lifeline.backend.testing.BackendTest;

/** The 'done when': a notice made through the API on the demo data reaches the seeded phones and the pulls. */
@Import(FakeFcmConfig.class)
@TestPropertySource(
        properties = {
            "lifeline.demo.enabled=true",
            "lifeline.push.poll-interval=100ms",
            "lifeline.campaigns.poll-interval=100ms"
        })
class DemoNoticeTest extends BackendTest {

    @Autowired
    FakeFcm fcm;

    private final ObjectMapper json = new ObjectMapper();

    private String token(String user) {
        Map<?, ?> body = http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", "demo-password"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    private JsonNode read(String path, String token) throws Exception {
        return json.readTree(get(token, path)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    @Test
    void aNoticeOnTheDemoDataReachesTheSeededPhonesAndThePulls() throws Exception {
        String olly = token("olly.ops");
        Instant start = Instant.now().plus(Duration.ofHours(1));
        CampaignView campaign = post(
                        olly,
                        "/api/v1/notices",
                        NoticeCampaignTest.notice(List.of("LS6", "YO21", "BS3"), start, start.plus(Duration.ofDays(2))))
                .expectStatus()
                .isCreated()
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody();
        assertThat(campaign.total()).isEqualTo(5);

        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode view = read("/api/v1/campaigns/" + campaign.id(), olly);
        while ((!view.path("status").asText().equals("COMPLETED")
                        || view.path("pushed").asLong() < 3)
                && System.nanoTime() < until) {
            Thread.sleep(100);
            view = read("/api/v1/campaigns/" + campaign.id(), olly);
        }
        assertThat(view.path("coded").asLong()).isEqualTo(4);
        assertThat(view.path("toDcc").asLong()).isEqualTo(1);
        assertThat(view.path("pushed").asLong()).isEqualTo(3);
        assertThat(view.path("noPhone").asLong()).isEqualTo(1);
        while (fcm.requests().size() < 3 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        // Three codes and two notices in three messages: each phone's notice carries one of its codes.
        assertThat(fcm.requests())
                .extracting(r ->
                        json.readTree(r.body()).path("message").path("token").asText())
                .containsExactlyInAnyOrder("demo-phone-ACC-100001", "demo-phone-ACC-100001", "demo-phone-ACC-100002");
        assertThat(fcm.requests())
                .extracting(r -> json.readTree(r.body()).path("message").path("data"))
                .filteredOn(d -> d.path("type").asText().equals("notice"))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.has("codeEnvelope")).isTrue());

        String carol = token("carol.customer");
        assertThat(read("/api/v1/me/notices", carol).path("items")).hasSize(1);
        assertThat(read("/api/v1/me/codes", carol).path("items"))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.path("command").asText()).isEqualTo("set-non-disconnect-period"));
        assertThat(get(olly, "/api/v1/campaigns/" + campaign.id() + "/no-phone")
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("ACC-100003", "BS3 4QT");
    }
}
