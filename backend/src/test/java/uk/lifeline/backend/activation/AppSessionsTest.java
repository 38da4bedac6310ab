package uk.lifeline.backend.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * App sessions (issue 12): listed and revocable by the customer and by an agent of their supplier only; a
 * revoked session's token is refused at once and its live streams end at once; a customer's streams are limited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppSessionsTest extends BackendTest {

    @Autowired
    ObjectMapper json;

    private Tenant t;
    private Tenant other;

    @BeforeAll
    void tenants() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        t = tenant("sess");
        other = tenant("sess-other");
    }

    private JsonNode body(WebTestClient.ResponseSpec response) {
        try {
            return json.readTree(
                    response.expectBody(String.class).returnResult().getResponseBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Links a phone; returns its session token. */
    private String activate(Tenant tenant, java.util.UUID customer, String phone) {
        String code = body(post(tenant.token("agent"), "/api/v1/customers/" + customer + "/activation-codes", Map.of())
                        .expectStatus()
                        .isCreated())
                .path("activationCode")
                .asText();
        return body(post(
                                null,
                                "/api/v1/activations",
                                Map.of("activationCode", code, "deviceName", phone, "platform", "android"))
                        .expectStatus()
                        .isOk())
                .path("accessToken")
                .asText();
    }

    private String sessionId(String token) {
        for (JsonNode s :
                body(get(token, "/api/v1/me/sessions").expectStatus().isOk()).path("items")) {
            if (s.path("current").asBoolean()) {
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no current session");
    }

    private WebTestClient.ResponseSpec delete(String token, String path) {
        return http.delete().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** Opens a stream; the flag turns true when the server ends it. Waits until it is connected. */
    private Disposable stream(String token, AtomicBoolean ended) {
        AtomicBoolean connected = new AtomicBoolean();
        Disposable d = WebClient.create("http://localhost:" + port)
                .get()
                .uri("/api/v1/me/stream")
                .headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .doOnNext(e -> connected.set(true))
                .subscribe(e -> {}, e -> ended.set(true), () -> ended.set(true));
        Eventually.until(connected::get, Duration.ofSeconds(30));
        return d;
    }

    @Test
    void theCustomerListsTheirPhonesAndUnlinksThisOneWhoseTokenIsRefusedAtOnce() {
        String phone = activate(t, t.customer1, "Pixel 7");
        String tablet = activate(t, t.customer1, "Tablet");
        JsonNode items =
                body(get(phone, "/api/v1/me/sessions").expectStatus().isOk()).path("items");
        assertThat(items.findValuesAsText("deviceName")).contains("Pixel 7", "Tablet");
        assertThat(items.findValues("current").stream()
                        .filter(JsonNode::asBoolean)
                        .count())
                .isEqualTo(1);
        String tabletId = sessionId(tablet);

        delete(phone, "/api/v1/me/sessions/current").expectStatus().isNoContent();
        problem(get(phone, "/api/v1/me/codes"), 401, "unauthorized");
        get(tablet, "/api/v1/me/codes").expectStatus().isOk();
        assertThat(body(get(tablet, "/api/v1/me/sessions")).path("items").findValuesAsText("deviceName"))
                .doesNotContain("Pixel 7");

        delete(tablet, "/api/v1/me/sessions/" + tabletId).expectStatus().isNoContent();
        problem(get(tablet, "/api/v1/me/sessions"), 401, "unauthorized");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry::jsonb ->> 'action' = 'app-session.revoked'"
                        + " AND entry::jsonb ->> 'subject' = 'customer:" + t.customer1 + "'"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCustomerCannotRevokeAnotherCustomersSessionNorASessionTwice() {
        String mine = activate(t, t.customer2, "Mine");
        String theirs = activate(t, t.customer1, "Theirs");
        problem(delete(mine, "/api/v1/me/sessions/" + sessionId(theirs)), 404, "not-found");
        get(theirs, "/api/v1/me/codes").expectStatus().isOk();
        problem(delete(mine, "/api/v1/me/sessions/not-a-uuid"), 404, "not-found");
        problem(delete(t.token("customer1"), "/api/v1/me/sessions/current"), 404, "not-found");
    }

    @Test
    void anAgentRevokesALostPhoneAndItsStreamEndsAtOnce() {
        String lost = activate(t, t.customer1, "Lost phone");
        String id = sessionId(lost);
        JsonNode listed = body(get(t.token("agent"), "/api/v1/customers/" + t.customer1 + "/app-sessions")
                        .expectStatus()
                        .isOk())
                .path("items");
        assertThat(listed.findValuesAsText("id")).contains(id);
        AtomicBoolean ended = new AtomicBoolean();
        Disposable streaming = stream(lost, ended);
        try {
            post(
                            t.token("agent"),
                            "/api/v1/customers/" + t.customer1 + "/app-sessions/" + id + "/revoke",
                            Map.of("reason", "phone stolen"))
                    .expectStatus()
                    .isNoContent();
            Eventually.until(ended::get, Duration.ofSeconds(10));
        } finally {
            streaming.dispose();
        }
        problem(get(lost, "/api/v1/me/codes"), 401, "unauthorized");
        problem(
                post(
                        t.token("agent"),
                        "/api/v1/customers/" + t.customer1 + "/app-sessions/" + id + "/revoke",
                        Map.of()),
                404,
                "not-found");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry::jsonb ->> 'action' = 'app-session.revoked'"
                        + " AND entry LIKE '%phone stolen%'"))
                .isEqualTo(1);
    }

    @Test
    void anotherSuppliersAgentGets404ForTheCustomerAndTheSession() {
        String phone = activate(t, t.customer1, "Isolated");
        String id = sessionId(phone);
        problem(get(other.token("agent"), "/api/v1/customers/" + t.customer1 + "/app-sessions"), 404, "not-found");
        problem(
                post(
                        other.token("agent"),
                        "/api/v1/customers/" + t.customer1 + "/app-sessions/" + id + "/revoke",
                        Map.of()),
                404,
                "not-found");
        problem(
                post(
                        other.token("agent"),
                        "/api/v1/customers/" + other.customer1 + "/app-sessions/" + id + "/revoke",
                        Map.of()),
                404,
                "not-found");
        get(phone, "/api/v1/me/codes").expectStatus().isOk();
        problem(get(t.token("ops"), "/api/v1/customers/" + t.customer1 + "/app-sessions"), 403, "forbidden");
        problem(get(phone, "/api/v1/customers/" + t.customer1 + "/app-sessions"), 403, "forbidden");
    }

    @Test
    void aFourthStreamForOneCustomerClosesTheirOldest() {
        String phone = activate(other, other.customer2, "Streamer");
        AtomicBoolean[] ended = {new AtomicBoolean(), new AtomicBoolean(), new AtomicBoolean(), new AtomicBoolean()};
        Disposable[] streams = new Disposable[4];
        try {
            for (int i = 0; i < 4; i++) {
                streams[i] = stream(phone, ended[i]);
            }
            Eventually.until(ended[0]::get, Duration.ofSeconds(10));
            assertThat(ended[1].get() || ended[2].get() || ended[3].get()).isFalse();
        } finally {
            for (Disposable d : streams) {
                if (d != null) {
                    d.dispose();
                }
            }
        }
    }
}
