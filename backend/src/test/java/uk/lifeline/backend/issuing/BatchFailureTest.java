package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * A batch whose statement fails: its requests are retried one by one, so the good ones are issued and the one the
 * database refuses gets a 503 problem. The failure is a trigger of this test's own database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchFailureTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("shaky");
        db.sql("""
                CREATE FUNCTION refuse_marked_code() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.reason = 'the database refuses this' THEN
                        RAISE EXCEPTION 'refused by the test';
                    END IF;
                    RETURN NEW;
                END;
                $$""").fetch().rowsUpdated().block();
        db.sql("CREATE TRIGGER refuse_marked_code BEFORE INSERT ON code FOR EACH ROW"
                        + " EXECUTE FUNCTION refuse_marked_code()")
                .fetch()
                .rowsUpdated()
                .block();
    }

    @Test
    void aBatchTheDatabaseRefusesIsRetriedOneByOneAndOnlyTheBadRequestFailsWith503() {
        WebClient client =
                WebClient.builder().baseUrl("http://localhost:" + port).build();
        String agent = t.token("agent");
        List<String> reasons = IntStream.range(0, 12)
                .mapToObj(i -> i == 5 ? "the database refuses this" : "fine")
                .toList();

        List<String> answers = Flux.fromIterable(reasons)
                .flatMap(
                        reason -> client.post()
                                .uri("/api/v1/meters/{m}/codes", t.meter1)
                                .headers(h -> h.setBearerAuth(agent))
                                .header(
                                        IdempotencyKeys.HEADER,
                                        UUID.randomUUID().toString())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", reason))
                                .exchangeToMono(r -> r.bodyToMono(Map.class)
                                        .map(body -> r.statusCode().value() + " "
                                                + (body.containsKey("code") ? body.get("code") : body.get("counter")))),
                        reasons.size())
                .collectList()
                .block();

        assertThat(answers).filteredOn(a -> a.startsWith("201")).hasSize(11);
        assertThat(answers).filteredOn(a -> a.startsWith("503")).containsExactly("503 service-unavailable");
        assertThat(count("SELECT count(*) FROM code")).isEqualTo(11);
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(11);
        get(t.token("ops"), "/api/v1/audit/verify")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(true);
    }
}
