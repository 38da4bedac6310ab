package uk.lifeline.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lifeline.client.ApiClient;
import uk.lifeline.client.ApiException;
import uk.lifeline.client.ApiResponse;
import uk.lifeline.client.api.AuditApi;
import uk.lifeline.client.api.CodesApi;
import uk.lifeline.client.api.CustomersApi;
import uk.lifeline.client.api.SignInApi;
import uk.lifeline.client.model.ChainReport;
import uk.lifeline.client.model.CodeView;
import uk.lifeline.client.model.CustomerSearchResult;
import uk.lifeline.client.model.CustomerViewDeviceView;
import uk.lifeline.client.model.IssueRequest;
import uk.lifeline.client.model.Problem;
import uk.lifeline.client.model.TokenRequest;

/**
 * A supplier's integration, written against the client that OpenAPI Generator makes from docs/openapi.json,
 * working against the real backend on its demo data: sign in, find a customer, issue a code with an
 * Idempotency-Key (and replay it), have a second person approve a pending one, verify the audit chain, and read
 * a refusal as a typed problem.
 */
class GeneratedClientIT {

    private static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    private static ApiClient signedIn(String username) throws ApiException {
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(backend.base.toString());
        String token = new SignInApi(anonymous)
                .signIn(new TokenRequest().username(username).password("demo-password"))
                .getAccessToken();
        ApiClient client = new ApiClient();
        client.updateBaseUri(backend.base.toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static CustomerViewDeviceView meter(ApiClient agent, String fuel) throws ApiException {
        CustomerSearchResult found = new CustomersApi(agent).findCustomers("LS6 2AB");
        assertThat(found.getItems()).isNotEmpty();
        return found.getItems().get(0).getPremises().stream()
                .flatMap(p -> p.getDevices().stream())
                .filter(d -> fuel.equals(d.getFuel()) && d.getMeterId() != null && !"PPMID".equals(d.getType()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anAgentIssuesATopUpAndARetryWithTheSameKeyGetsTheSameCode() throws Exception {
        ApiClient agent = signedIn("amy.agent");
        CustomerViewDeviceView electricity = meter(agent, "ELECTRICITY");
        IssueRequest topUp = new IssueRequest()
                .command("top-up")
                .parameters(Map.of("amount", "20.00"))
                .reason("contract test: storm, no WAN");
        String key = UUID.randomUUID().toString();

        ApiResponse<CodeView> first = new CodesApi(agent).issueCodeWithHttpInfo(electricity.getMeterId(), key, topUp);
        ApiResponse<CodeView> replay = new CodesApi(agent).issueCodeWithHttpInfo(electricity.getMeterId(), key, topUp);

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(first.getData().getStatus()).isEqualTo(CodeView.StatusEnum.ISSUED);
        assertThat(first.getData().getDigits())
                .hasSize(1)
                .allMatch(block -> block.replace(" ", "").length() == 20);
        assertThat(replay.getData().getId()).isEqualTo(first.getData().getId());
    }

    @Test
    void aSecondPersonApprovesACodeAboveTheAgentsLimitAndTheAuditChainHolds() throws Exception {
        ApiClient agent = signedIn("amy.agent");
        ApiClient supervisor = signedIn("sam.supervisor");
        CustomerViewDeviceView gas = meter(agent, "GAS");

        ApiResponse<CodeView> pending = new CodesApi(agent)
                .issueCodeWithHttpInfo(
                        gas.getMeterId(),
                        UUID.randomUUID().toString(),
                        new IssueRequest()
                                .command("top-up")
                                .parameters(Map.of("amount", "60.00"))
                                .reason("contract test: above the agent's limit"));
        assertThat(pending.getStatusCode()).isEqualTo(202);
        assertThat(pending.getData().getStatus()).isEqualTo(CodeView.StatusEnum.PENDING_APPROVAL);
        assertThat(pending.getData().getDigits()).isNullOrEmpty();

        CodeView approved =
                new CodesApi(supervisor).approveCode(pending.getData().getId().toString());
        assertThat(approved.getStatus()).isEqualTo(CodeView.StatusEnum.ISSUED);
        assertThat(approved.getDigits()).isNotEmpty();

        ChainReport audit = new AuditApi(supervisor).verifyAudit();
        assertThat(audit.getIntact()).isTrue();
        assertThat(audit.getEntries()).isPositive();
    }

    @Test
    void aRefusalIsReadAsATypedProblem() throws Exception {
        ApiClient agent = signedIn("amy.agent");
        CustomerViewDeviceView electricity = meter(agent, "ELECTRICITY");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> new CodesApi(agent)
                .issueCode(
                        electricity.getMeterId(),
                        UUID.randomUUID().toString(),
                        new IssueRequest()
                                .command("make-it-free")
                                .parameters(Map.of())
                                .reason("contract test")));

        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = agent.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:lifeline:problem:unknown-command"));
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isNotBlank();
    }
}
