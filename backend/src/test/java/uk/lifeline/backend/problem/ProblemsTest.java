package uk.lifeline.backend.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** Each kind of bad request gets its own RFC 9457 problem type, and none of them writes anything. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemsTest extends BackendTest {

    private Tenant t;
    private String agent;

    @BeforeAll
    void tenant() {
        t = tenant("errors");
        agent = t.token("agent");
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(count("SELECT count(*) FROM code")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log")).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_record")).isZero();
        assertThat(count("SELECT max(next_counter) FROM code_counter")).isEqualTo(1);
    }

    private WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String type) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:" + type)
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.title")
                .isNotEmpty()
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    private WebTestClient.ResponseSpec raw(String body, String key) {
        return http.post()
                .uri("/api/v1/meters/{m}/codes", t.meter1)
                .headers(h -> h.setBearerAuth(agent))
                .header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void malformedJsonIsItsOwnProblem() {
        problem(raw("{\"command\": \"top-up\",", "k1"), 400, "malformed-json");
        problem(raw("", "k1"), 400, "malformed-json");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        problem(raw("{\"command\":\"top-up\",\"parameters\":[1,2],\"reason\":\"x\"}", "k1"), 400, "validation")
                .jsonPath("$.errors[0].field")
                .isEqualTo("parameters");
    }

    @Test
    void missingFieldsAreListed() {
        problem(raw("{\"parameters\":{}}", "k1"), 400, "validation")
                .jsonPath("$.errors[?(@.field == 'command')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'reason')]")
                .exists();
    }

    @Test
    void anUnknownCommandIsItsOwnProblem() {
        problem(issue(agent, t.meter1, "make-free-energy", Map.of()), 400, "unknown-command")
                .jsonPath("$.errors[0].field")
                .isEqualTo("command")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("top-up"));
    }

    @Test
    void anOutOfRangeParameterNamesTheFieldAndTheRange() {
        problem(issue(agent, t.meter1, "top-up", Map.of("amount", "9000")), 400, "parameter-out-of-range")
                .jsonPath("$.errors[0].field")
                .isEqualTo("parameters.amount")
                .jsonPath("$.errors[0].allowed")
                .value(a -> assertThat((String) a).contains("8191"));
        problem(
                        issue(agent, t.meter1, "open-han", Map.of("device", "toaster", "minutes", "10")),
                        400,
                        "parameter-out-of-range")
                .jsonPath("$.errors[0].field")
                .isEqualTo("parameters.device");
    }

    @Test
    void missingOrUnknownParametersAreTheirOwnProblem() {
        problem(issue(agent, t.meter1, "top-up", Map.of()), 400, "invalid-parameters")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("amount"));
        problem(issue(agent, t.meter1, "top-up", Map.of("amount", "1.00", "colour", "red")), 400, "invalid-parameters")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("colour"));
    }

    @Test
    void aMissingIdempotencyKeyIsItsOwnProblem() {
        problem(
                http.post()
                        .uri("/api/v1/meters/{m}/codes", t.meter1)
                        .headers(h -> h.setBearerAuth(agent))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "x"))
                        .exchange(),
                400,
                "missing-idempotency-key");
        problem(
                raw("{\"command\":\"top-up\",\"parameters\":{\"amount\":\"1\"},\"reason\":\"x\"}", ""),
                400,
                "missing-idempotency-key");
    }

    @Test
    void badMpansAndMprnsAreTheirOwnProblems() {
        String good = t.mpan1;
        String bad = good.substring(0, 12) + (char) ('0' + (good.charAt(12) - '0' + 1) % 10);
        problem(get(agent, "/api/v1/customers?q=" + bad), 400, "invalid-mpan")
                .jsonPath("$.errors[0].field")
                .isEqualTo("q");
        String mprn = t.mprn1;
        String badMprn =
                mprn.substring(0, mprn.length() - 1) + (char) ('0' + (mprn.charAt(mprn.length() - 1) - '0' + 1) % 10);
        problem(get(agent, "/api/v1/customers?q=" + badMprn), 400, "invalid-mprn");
        get(agent, "/api/v1/customers?q=" + good)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(t.customer1.toString());
        get(agent, "/api/v1/customers?q=" + mprn)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(t.customer1.toString());
    }

    @Test
    void aDeviceThatIsNotAMeterTakesNoCodes() {
        problem(issue(agent, t.ppmid1, "top-up", Map.of("amount", "1.00")), 409, "not-a-meter");
    }

    @Test
    void transportErrorsAreProblemsToo() {
        problem(
                http.post()
                        .uri("/api/v1/meters/{m}/codes", t.meter1)
                        .headers(h -> h.setBearerAuth(agent))
                        .header(IdempotencyKeys.HEADER, "k")
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("top-up")
                        .exchange(),
                415,
                "unsupported-media-type");
        problem(
                http.put()
                        .uri("/api/v1/codes/{c}", java.util.UUID.randomUUID())
                        .headers(h -> h.setBearerAuth(agent))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange(),
                403,
                "forbidden");
        problem(get(agent, "/api/v1/nothing-here"), 403, "forbidden");
    }
}
