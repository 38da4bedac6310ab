package uk.lifeline.backend.auth;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** Another supplier's meters and codes, and another customer's codes, are answered as if they did not exist. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest extends BackendTest {

    private Tenant mine;
    private Tenant theirs;
    private CodeView theirCode;

    @BeforeAll
    void tenants() {
        mine = tenant("mine");
        theirs = tenant("theirs");
        theirCode = issue(theirs.token("agent"), theirs.meter1, "top-up", Map.of("amount", "3.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
    }

    private void notFound(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:not-found");
    }

    @Test
    void anotherSuppliersMeterIsNotFoundForIssuingPreviewOrHistory() {
        String agent = mine.token("agent");
        notFound(issue(agent, theirs.meter1, "top-up", Map.of("amount", "1.00")));
        notFound(post(
                agent,
                "/api/v1/meters/" + theirs.meter1 + "/codes/preview",
                Map.of("command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "x")));
        notFound(get(agent, "/api/v1/meters/" + theirs.meter1 + "/codes"));
        notFound(issue(agent, "0000000000000000", "top-up", Map.of("amount", "1.00")));
        notFound(issue(agent, "not-an-eui", "top-up", Map.of("amount", "1.00")));
    }

    @Test
    void anotherSuppliersCodeIsNotFoundForAnyAction() {
        String id = theirCode.id().toString();
        notFound(get(mine.token("agent"), "/api/v1/codes/" + id));
        notFound(post(mine.token("supervisor"), "/api/v1/codes/" + id + "/approve", Map.of()));
        notFound(post(mine.token("supervisor"), "/api/v1/codes/" + id + "/refuse", Map.of("reason", "x")));
        notFound(post(mine.token("agent"), "/api/v1/codes/" + id + "/cancel", Map.of("reason", "x")));
        notFound(post(mine.token("agent"), "/api/v1/codes/" + id + "/result", Map.of("outcome", "ACCEPTED")));
        notFound(get(mine.token("customer1"), "/api/v1/codes/" + id));
        notFound(get(mine.token("agent"), "/api/v1/codes/not-a-uuid"));
    }

    @Test
    void aCustomerCannotSeeOrReportAnotherCustomersCode() {
        String other = theirs.token("customer2");
        notFound(get(other, "/api/v1/codes/" + theirCode.id()));
        notFound(post(other, "/api/v1/codes/" + theirCode.id() + "/result", Map.of("outcome", "ACCEPTED")));
        get(theirs.token("customer1"), "/api/v1/codes/" + theirCode.id())
                .expectStatus()
                .isOk();
        get(other, "/api/v1/me/codes")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    @Test
    void customerSearchNeverFindsAnotherSuppliersCustomers() {
        get(mine.token("agent"), "/api/v1/customers?q=" + theirs.mpan1)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
        get(mine.token("agent"), "/api/v1/customers?q=Carol")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].accountNumber")
                .isEqualTo("mine-ACC-1");
    }

    @Test
    void rolesOnlyReachTheirOwnEndpoints() {
        issue(mine.token("customer1"), mine.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType("application/problem+json");
        issue(mine.token("ops"), mine.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isForbidden();
        issue(mine.token("admin"), mine.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isForbidden();
        get(mine.token("customer1"), "/api/v1/customers?q=Carol").expectStatus().isForbidden();
        get(mine.token("customer1"), "/api/v1/meters/" + mine.meter1 + "/codes")
                .expectStatus()
                .isForbidden();
        get(mine.token("agent"), "/api/v1/me/codes").expectStatus().isForbidden();
        get(mine.token("agent"), "/api/v1/audit/verify").expectStatus().isForbidden();
        get(mine.token("agent"), "/actuator/metrics").expectStatus().isForbidden();
        // Metrics are instance-wide, so no supplier's role reads them (issue 12): operations neither.
        get(mine.token("ops"), "/actuator/metrics").expectStatus().isForbidden();
    }
}
