package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** The window is 512 in production; 3 here, so the test does not issue 512 codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "lifeline.codes.counter-window=3")
class CounterWindowTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("window");
    }

    @Test
    void noCounterIsHandedOutBeyondTheWindowAboveTheHighestAcceptedAndAnAcceptedResultReopensIt() {
        String agent = t.token("agent");
        CodeView first = issue(agent, t.meter1, "top-up", Map.of("amount", "1.00"))
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        CodeView pending = issue(agent, t.meter1, "set-credit", Map.of("balance", "1.00"))
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        post(agent, "/api/v1/codes/" + pending.id() + "/cancel", Map.of("reason", "wrong"))
                .expectStatus()
                .isOk();
        issue(agent, t.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated();

        issue(agent, t.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:counter-window-exhausted")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("counter 4").contains("(0)"));

        post(t.token("customer1"), "/api/v1/codes/" + first.id() + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isOk();
        CodeView next = issue(agent, t.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(next.counter()).isEqualTo(4);
    }
}
