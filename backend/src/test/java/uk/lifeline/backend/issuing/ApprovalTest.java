package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.lifeline.backend.ledger.CodeStatus;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.command.SetCredit;
import uk.lifeline.meter.EntryResult;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("fouryes");
    }

    private CodeView pending(String token, String meter, String command, Map<String, ?> parameters) {
        return issue(token, meter, command, parameters)
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void anAgentsTopUpAboveThePerCodeLimitWaitsForApprovalWithItsDigitsWithheld() {
        CodeView code = pending(t.token("agent"), t.meter2, "top-up", Map.of("amount", "50.01"));

        assertThat(code.status()).isEqualTo(CodeStatus.PENDING_APPROVAL);
        assertThat(code.digits()).isNull();
        assertThat(code.envelope()).isNull();
        assertThat(code.approval().required()).isTrue();
        assertThat(code.approval().reasons()).singleElement().asString().contains("50.00 per code");
        get(t.token("agent"), "/api/v1/codes/" + code.id())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.digits")
                .doesNotExist()
                .jsonPath("$.status")
                .isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void theDailyLimitCountsEarlierTopUpsOnTheSameMeter() {
        String agent = t.token("agent");
        issue(agent, t.gas1, "top-up", Map.of("amount", "50.00")).expectStatus().isCreated();
        issue(agent, t.gas1, "top-up", Map.of("amount", "45.00")).expectStatus().isCreated();

        CodeView third = pending(agent, t.gas1, "top-up", Map.of("amount", "10.00"));

        assertThat(third.approval().reasons())
                .singleElement()
                .asString()
                .contains("105.00")
                .contains("100.00 per meter per day");
    }

    @ParameterizedTest
    @CsvSource({"set-credit,balance,10.00", "change-mode,mode,credit"})
    void riskyCommandsAlwaysWaitForApproval(String command, String parameter, String value) {
        CodeView code = pending(t.token("agent"), t.meter2, command, Map.of(parameter, value));
        assertThat(code.approval().reasons()).anySatisfy(r -> assertThat(r).contains("always needs"));
    }

    @Test
    void riskyCommandsWithoutParametersWaitToo() {
        pending(t.token("supervisor"), t.meter2, "revert-to-default", Map.of());
        pending(
                t.token("agent"),
                t.meter2,
                "set-debt",
                Map.of("register", "time-based-1", "amount", "100.00", "rate", "1.50", "period", "per-day"));
    }

    @Test
    void theRequesterCannotApproveTheirOwnCodeButAnotherSupervisorCan() {
        String supervisor = t.token("supervisor");
        CodeView code = pending(supervisor, t.meter1, "set-credit", Map.of("balance", "12.00"));

        post(supervisor, "/api/v1/codes/" + code.id() + "/approve", Map.of())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:four-eyes");
        assertThat(count("SELECT count(*) FROM code WHERE status = 'PENDING_APPROVAL' AND id = '" + code.id() + "'"))
                .isEqualTo(1);

        CodeView approved = post(t.token("supervisor2"), "/api/v1/codes/" + code.id() + "/approve", Map.of())
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        assertThat(approved.status()).isEqualTo(CodeStatus.ISSUED);
        assertThat(approved.approval().approvedBy()).isEqualTo(t.userId("supervisor2"));
        assertThat(approved.envelope()).isNotBlank();
        assertThat(t.meter(t.meter1).enterCode(approved.digits().get(0)))
                .isEqualTo(new EntryResult.Accepted(new SetCredit(1200), code.counter()));
        post(t.token("supervisor2"), "/api/v1/codes/" + code.id() + "/approve", Map.of())
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:wrong-status");
    }

    @Test
    void agentsCannotApproveOrRefuse() {
        CodeView code = pending(t.token("agent"), t.meter2, "set-credit", Map.of("balance", "1.00"));
        post(t.token("agent2"), "/api/v1/codes/" + code.id() + "/approve", Map.of())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:forbidden");
        post(t.token("agent2"), "/api/v1/codes/" + code.id() + "/refuse", Map.of("reason", "no"))
                .expectStatus()
                .isForbidden();
        post(t.token("ops"), "/api/v1/codes/" + code.id() + "/approve", Map.of())
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aSupervisorRefusesACodeWhichIsThenCancelledAndNeverShown() {
        CodeView code = pending(t.token("agent"), t.meter2, "top-up", Map.of("amount", "300"));
        CodeView refused = post(
                        t.token("supervisor"),
                        "/api/v1/codes/" + code.id() + "/refuse",
                        Map.of("reason", "customer already topped up"))
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused.status()).isEqualTo(CodeStatus.CANCELLED);
        assertThat(refused.cancelReason()).isEqualTo("refused: customer already topped up");
        assertThat(refused.digits()).isNull();
        post(t.token("supervisor2"), "/api/v1/codes/" + code.id() + "/approve", Map.of())
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void aSupervisorMayIssueMoreThanAnAgentWithoutApproval() {
        issue(t.token("supervisor"), t.meter2, "top-up", Map.of("amount", "200"))
                .expectStatus()
                .isCreated();
    }
}
