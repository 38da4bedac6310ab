package uk.lifeline.backend.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.testing.BackendTest;

/**
 * The demo with nothing else configured: its loopback SMSC is on (start-up and health say so), the demo customers'
 * contact points were recorded through the contact service (audited), and the demo phones API shows them and
 * texts back as a customer, refusing bad replies and other suppliers' customers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.demo.enabled=true",
            "lifeline.demo.bench-meters=0",
            "lifeline.sms.demo-port=27754",
            "lifeline.sms.poll-interval=100ms"
        })
class DemoPhonesTest extends BackendTest {

    private final ObjectMapper json = new ObjectMapper();
    private String olly;

    @BeforeAll
    void signIn() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        olly = token("olly.ops");
    }

    private String token(String username) {
        Map<?, ?> body = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "demo-password"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    private JsonNode body(WebTestClient.ResponseSpec r) {
        try {
            return json.readTree(r.expectBody(String.class).returnResult().getResponseBody());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode phone(String account) {
        for (JsonNode p :
                body(get(olly, "/api/v1/demo/phones").expectStatus().isOk()).path("items")) {
            if (p.path("accountNumber").asText().equals(account)) {
                return p;
            }
        }
        throw new AssertionError("no phone for " + account);
    }

    private UUID customer(String account) {
        return db.sql("SELECT id FROM customer_account WHERE account_number = :a")
                .bind("a", account)
                .map(r -> r.get(0, UUID.class))
                .one()
                .block();
    }

    @Test
    void theDemoTurnsTheLoopbackSmscOnAndSaysSoInHealth() {
        body(get(olly, "/actuator/health").expectStatus().isOk());
        JsonNode sms = body(get(olly, "/actuator/health").expectStatus().isOk())
                .path("components")
                .path("sms");
        assertThat(sms.path("status").asText()).isEqualTo("UP");
        assertThat(sms.toString()).contains("the demo's loopback SMSC");
        Eventually.until(
                () -> body(get(olly, "/actuator/health"))
                        .path("components")
                        .path("sms")
                        .path("details")
                        .path("bound")
                        .asBoolean(),
                Duration.ofSeconds(20));
        assertThat(body(get(olly, "/api/v1/demo/phones").expectStatus().isOk())
                        .path("smscRunning")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theDemoCustomersContactPointsWereRecordedThroughTheContactServiceAndAudited() {
        JsonNode colin = body(get(token("amy.agent"), "/api/v1/customers/" + customer("ACC-100002") + "/contact")
                .expectStatus()
                .isOk());
        assertThat(colin.path("mobile").asText()).isEqualTo("+447700900002");
        assertThat(colin.path("language").asText()).isEqualTo("cy");
        assertThat(colin.path("version").asInt()).isEqualTo(1);
        JsonNode grace = phone("ACC-100003");
        assertThat(grace.path("landline").asText()).isEqualTo("+441632960003");
        assertThat(grace.path("needs").get(0).asText()).isEqualTo("SMALL_PRINT");
        assertThat(grace.path("channels").toString()).doesNotContain("APP");
        assertThat(phone("ACC-100002").path("replyWords").toString())
                .isEqualTo("[\"ETO\",\"WEDI\",\"CYMORTH\",\"STOPIO\"]");
        assertThat(count("SELECT count(*) FROM reach_contact")).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM reach_contact WHERE language = 'cy'"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM reach_contact WHERE mobile NOT LIKE '+4477009%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%\"contact.updated\"%'"))
                .isEqualTo(7);
        // Each supplier sees only its own customers' phones.
        List<String> accounts = new ArrayList<>();
        body(get(olly, "/api/v1/demo/phones"))
                .path("items")
                .forEach(p -> accounts.add(p.path("accountNumber").asText()));
        assertThat(accounts).containsExactlyInAnyOrder("ACC-100001", "ACC-100002", "ACC-100003", "ACC-100004");
    }

    @Test
    void aReplyTypedAsTheCustomerReachesTheBackendAndStopTurnsTextsOff() {
        UUID harry = customer("ACC-100004");
        Eventually.until(
                () -> post(olly, "/api/v1/demo/phones/" + harry + "/replies", Map.of("text", "stop"))
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 202,
                Duration.ofSeconds(20));
        Eventually.until(() -> phone("ACC-100004").path("texts").size() == 2, Duration.ofSeconds(20));
        JsonNode texts = phone("ACC-100004").path("texts");
        assertThat(texts.get(1).path("direction").asText()).isEqualTo("IN");
        assertThat(texts.get(1).path("body").asText()).isEqualTo("stop");
        assertThat(texts.get(0).path("direction").asText()).isEqualTo("OUT");
        assertThat(texts.get(0).path("body").asText()).contains("We will not send you texts any more");
        assertThat(phone("ACC-100004").path("channels").toString()).doesNotContain("SMS");
    }

    @Test
    void badRepliesAndOtherSuppliersCustomersAreRefused() {
        String path = "/api/v1/demo/phones/" + customer("ACC-100001") + "/replies";
        problem(post(olly, path, Map.of("text", " ")), 400, "validation")
                .jsonPath("$.errors[0].field")
                .isEqualTo("text");
        problem(post(olly, path, Map.of()), 400, "validation");
        problem(post(olly, path, Map.of("text", "x".repeat(161))), 400, "validation")
                .jsonPath("$.errors[0].message")
                .isEqualTo("does not fit one text message");
        problem(post(olly, path, Map.of("text", "ŵ".repeat(71))), 400, "validation");
        problem(post(olly, path, Map.of("text", "help\u0007")), 400, "invalid-text");
        problem(
                post(olly, "/api/v1/demo/phones/" + customer("ACC-200001") + "/replies", Map.of("text", "HELP")),
                404,
                "not-found");
        problem(post(olly, "/api/v1/demo/phones/not-an-id/replies", Map.of("text", "HELP")), 404, "not-found");
        problem(post(token("amy.agent"), path, Map.of("text", "HELP")), 403, "forbidden");
        problem(get(token("ned.supervisor"), "/api/v1/demo/phones"), 403, "forbidden");
        problem(get(null, "/api/v1/demo/phones"), 401, "unauthorized");
        assertThat(count("SELECT count(*) FROM reach_task")).isZero();
    }
}
