package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * The endpoints the consoles added (package console): the approvals queue, the dry-run count and the campaign
 * list and progress stream. Each answers only the roles it is for and only about the caller's own supplier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiTest extends BackendTest {

    private Tenant a;
    private Tenant b;

    @BeforeAll
    void tenants() {
        a = tenant("consa");
        b = tenant("consb");
    }

    private Map<?, ?> body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
        return spec.expectStatus()
                .is2xxSuccessful()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private String startNotice(Tenant t) {
        return (String) body(post(
                        t.token("ops"),
                        "/api/v1/notices",
                        Map.of(
                                "title",
                                "Cold",
                                "message",
                                "Stays on",
                                "reason",
                                "test",
                                "area",
                                Map.of("districts", List.of("LS6")),
                                "startsAt",
                                Instant.now().toString(),
                                "endsAt",
                                Instant.now().plus(Duration.ofDays(1)).toString())))
                .get("id");
    }

    @Test
    void onlySupervisorsSeeTheApprovalsQueueAndOnlyTheirOwnSuppliersCodes() {
        String mine = (String) body(issue(a.token("agent"), a.meter1, "top-up", Map.of("amount", "60.00")))
                .get("id");
        String theirs = (String) body(issue(b.token("agent"), b.meter1, "top-up", Map.of("amount", "60.00")))
                .get("id");

        get(null, "/api/v1/console/pending-codes").expectStatus().isUnauthorized();
        for (String role : List.of("agent", "ops", "admin", "customer1")) {
            get(a.token(role), "/api/v1/console/pending-codes").expectStatus().isForbidden();
        }
        String listed = get(a.token("supervisor"), "/api/v1/console/pending-codes")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listed)
                .contains(mine)
                .contains("Carol consa Jones")
                .contains("above the agent limit")
                .doesNotContain(theirs)
                .doesNotContain("digits");
    }

    @Test
    void theDryRunCountsTheSuppliersOwnMetersInTheArea() {
        Map<String, Object> ls6 = Map.of("area", Map.of("districts", List.of("ls6")));
        for (String role : List.of("agent", "supervisor", "customer1")) {
            post(a.token(role), "/api/v1/console/affected", ls6).expectStatus().isForbidden();
        }
        post(null, "/api/v1/console/affected", ls6).expectStatus().isUnauthorized();

        post(a.token("ops"), "/api/v1/console/affected", ls6)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.districts[0]")
                .isEqualTo("LS6")
                .jsonPath("$.count.meters")
                .isEqualTo(2)
                .jsonPath("$.count.blockedMeters")
                .isEqualTo(0)
                .jsonPath("$.count.codedMeters")
                .isEqualTo(2)
                .jsonPath("$.count.customers")
                .isEqualTo(1)
                .jsonPath("$.count.customersWithoutPhone")
                .isEqualTo(1);
        post(
                        a.token("ops"),
                        "/api/v1/console/affected",
                        Map.of("area", Map.of("districts", List.of("LS6")), "fuel", "GAS"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count.meters")
                .isEqualTo(1);
        post(a.token("admin"), "/api/v1/console/affected", Map.of("area", Map.of("all", true)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count.meters")
                .isEqualTo(3);
    }

    @Test
    void aBadAreaIsRefusedAsTheNoticeEndpointRefusesIt() {
        post(a.token("ops"), "/api/v1/console/affected", Map.of("area", Map.of("districts", List.of("LS6", "L$6"))))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-area")
                .jsonPath("$.errors[0].field")
                .isEqualTo("area.districts[1]");
        post(
                        a.token("ops"),
                        "/api/v1/console/affected",
                        Map.of("area", Map.of("districts", List.of("LS6")), "fuel", "COAL"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("fuel");
    }

    @Test
    void campaignsAndTheirProgressStreamAreTheSuppliersOwn() {
        String campaign = startNotice(a);
        get(b.token("ops"), "/api/v1/console/campaigns")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(list -> assertThat(list).doesNotContain(campaign));
        get(a.token("agent"), "/api/v1/console/campaigns").expectStatus().isForbidden();
        get(a.token("ops"), "/api/v1/console/campaigns")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(campaign)
                .jsonPath("$.items[0].title")
                .isEqualTo("Cold");

        String stream = "/api/v1/console/campaigns/" + campaign + "/progress";
        http.get()
                .uri(stream)
                .headers(h -> h.setBearerAuth(b.token("ops")))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get()
                .uri(stream)
                .headers(h -> h.setBearerAuth(a.token("agent")))
                .exchange()
                .expectStatus()
                .isForbidden();
        String first = http.get()
                .uri(stream)
                .headers(h -> h.setBearerAuth(a.token("ops")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody()
                .blockFirst(Duration.ofSeconds(10));
        assertThat(first).contains("\"id\":\"" + campaign + "\"").contains("\"total\":2");
    }
}
