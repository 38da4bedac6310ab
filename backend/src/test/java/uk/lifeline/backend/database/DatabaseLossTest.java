package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.testing.TestDatabase;

/**
 * The backend as the README runs it (embedded PostgreSQL, demo data), with its PostgreSQL killed (kill -9 of the
 * postmaster): while it is down every answer is 503 database-unavailable with Retry-After and health is 503 DOWN,
 * never a 500; the watchdog starts it again and requests succeed, with nothing acknowledged lost (issue 12).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lifeline.data-dir=target/test-data/database-loss", "lifeline.database.embedded-port=0",
            "logging.level.root=WARN", "logging.level.io.zonky.test=OFF"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseLossTest {

    static {
        // A fresh folder each run (the demo data is seeded into an empty database only).
        TestDatabase.delete(TestDatabase.DIR.resolve("database-loss"));
    }

    @Autowired
    EmbeddedDatabase database;

    private WebTestClient http;

    @Autowired
    void client(WebTestClient client) {
        http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    private String token() {
        Map<?, ?> body = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "amy.agent", "password", "demo-password"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    private String issueTopUp(String token) {
        Map<?, ?> code = http.post()
                .uri("/api/v1/meters/00DB1234567800A1/codes")
                .headers(h -> h.setBearerAuth(token))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("command", "top-up", "parameters", Map.of("amount", "20.00"), "reason", "test"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) code.get("id");
    }

    @Test
    void whileItsPostgresIsDeadEveryAnswerIs503ThenTheWatchdogBringsItBackWithNothingLost() throws Exception {
        String token = token();
        String issued = issueTopUp(token);
        long pid = database.pid();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 of the postmaster

        WebTestClient client = http;
        int unavailable = 0;
        int healthDown = 0;
        boolean back = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!back && System.nanoTime() < deadline) {
            EntityExchangeResult<String> search = client.get()
                    .uri("/api/v1/customers?q=LS6+2AB")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            int status = search.getStatus().value();
            assertThat(status).as(search.toString()).isIn(200, 503);
            if (status == 503) {
                unavailable++;
                assertThat(search.getResponseHeaders().getContentType()).hasToString("application/problem+json");
                assertThat(search.getResponseBody()).contains("\"type\":\"urn:lifeline:problem:database-unavailable\"");
                assertThat(search.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
            }
            EntityExchangeResult<String> health = client.get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            assertThat(health.getStatus().value()).as(health.toString()).isIn(200, 503);
            if (health.getStatus().value() == 503) {
                // The first look may fail on the lost connection itself (a database-unavailable problem); from
                // then on the backend knows, and health says DOWN.
                assertThat(health.getResponseBody())
                        .containsAnyOf("\"status\":\"DOWN\"", "urn:lifeline:problem:database-unavailable");
                if (health.getResponseBody().contains("\"status\":\"DOWN\"")) {
                    healthDown++;
                }
            }
            back = unavailable > 0
                    && healthDown > 0
                    && status == 200
                    && health.getStatus().value() == 200;
        }
        assertThat(unavailable).as("requests answered 503 database-unavailable").isPositive();
        assertThat(healthDown).as("health answers 503 DOWN").isPositive();
        assertThat(back)
                .as("the backend answers again after its PostgreSQL is restarted")
                .isTrue();
        assertThat(database.pid()).isNotEqualTo(pid);

        // Nothing acknowledged before the crash is lost, and codes can be issued again.
        http.get()
                .uri("/api/v1/codes/{id}", issued)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(issued);
        assertThat(issueTopUp(token)).isNotEqualTo(issued);
    }
}
