package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("retry");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheOriginalAnswerAndIssuesNothing() {
        String agent = t.token("agent");
        String key = UUID.randomUUID().toString();
        CodeView first = issue(agent, t.meter2, key, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "false")
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        CodeView retry = issue(agent, t.meter2, key, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        assertThat(retry).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM code WHERE id = '" + first.id() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT next_counter FROM code_counter c JOIN device d ON d.id = c.device_id"
                        + " WHERE d.eui64 = '" + t.meter2 + "'"))
                .isEqualTo(first.counter() + 1);
    }

    @Test
    void aPendingCodesRetryGetsTheSame202() {
        String agent = t.token("agent");
        String key = UUID.randomUUID().toString();
        CodeView first = issue(agent, t.meter1, key, "change-mode", Map.of("mode", "credit"))
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        CodeView retry = issue(agent, t.meter1, key, "change-mode", Map.of("mode", "credit"))
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(retry.id()).isEqualTo(first.id());
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedWith422AndIssuesNothing() {
        String agent = t.token("agent");
        String key = UUID.randomUUID().toString();
        issue(agent, t.meter2, key, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated();
        long codes = count("SELECT count(*) FROM code");

        issue(agent, t.meter2, key, "top-up", Map.of("amount", "6.00"))
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:idempotency-key-reused");

        assertThat(count("SELECT count(*) FROM code")).isEqualTo(codes);
    }

    @Test
    void keysBelongToTheUserWhoSentThem() {
        String key = UUID.randomUUID().toString();
        CodeView mine = issue(t.token("agent"), t.meter2, key, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        CodeView theirs = issue(t.token("agent2"), t.meter2, key, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(theirs.id()).isNotEqualTo(mine.id());
    }
}
