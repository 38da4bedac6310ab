package uk.lifeline.backend.reach.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** Agents record how to reach a customer; staff read it; bad numbers, stale versions and other tenants are refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactPointsTest extends BackendTest {

    private final ObjectMapper json = new ObjectMapper();
    private Tenant t;
    private Tenant other;
    private String agent;

    @BeforeAll
    void tenants() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("ca");
        other = tenant("cb");
        agent = t.token("agent");
    }

    private WebTestClient.ResponseSpec put(String token, Object customer, Map<String, ?> body) {
        return http.put()
                .uri("/api/v1/customers/" + customer + "/contact")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private JsonNode body(WebTestClient.ResponseSpec response) {
        try {
            return json.readTree(
                    response.expectBody(String.class).returnResult().getResponseBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> welshTextsAndCalls(int version) {
        Map<String, Object> b = new HashMap<>();
        b.put("mobile", "07700 900123");
        b.put("landline", "0113 496 0000");
        b.put("language", "cy");
        b.put("channels", List.of("APP", "SMS", "VOICE"));
        b.put("needs", List.of("SMALL_PRINT"));
        b.put("version", version);
        b.put("reason", "customer rang to ask for texts in Welsh");
        return b;
    }

    @Test
    void aCustomerWithNothingRecordedIsAppOnlyInEnglish() {
        JsonNode c = body(get(agent, "/api/v1/customers/" + t.customer2 + "/contact")
                .expectStatus()
                .isOk());
        assertThat(c.path("language").asText()).isEqualTo("en");
        assertThat(c.path("channels").toString()).isEqualTo("[\"APP\"]");
        assertThat(c.path("version").asInt()).isZero();
        assertThat(c.hasNonNull("mobile")).isFalse();
    }

    @Test
    void anAgentRecordsNumbersLanguageChannelsAndNeedsAndTheChangeIsAudited() {
        JsonNode saved = body(
                put(agent, t.customer1, welshTextsAndCalls(0)).expectStatus().isOk());
        assertThat(saved.path("mobile").asText()).isEqualTo("+447700900123");
        assertThat(saved.path("landline").asText()).isEqualTo("+441134960000");
        assertThat(saved.path("version").asInt()).isEqualTo(1);
        assertThat(saved.path("updatedBy").asText()).isEqualTo(t.userId("agent").toString());

        JsonNode read = body(get(t.token("ops"), "/api/v1/customers/" + t.customer1 + "/contact")
                .expectStatus()
                .isOk());
        assertThat(read.path("language").asText()).isEqualTo("cy");
        assertThat(read.path("channels").toString()).isEqualTo("[\"APP\",\"SMS\",\"VOICE\"]");
        assertThat(read.path("needs").toString()).isEqualTo("[\"SMALL_PRINT\"]");
        String entry = db.sql(
                        "SELECT entry FROM audit_log WHERE entry LIKE '%contact.updated%' AND entry LIKE :c AND supplier_id = :s")
                .bind("s", t.supplierId)
                .bind("c", "%" + t.customer1 + "%")
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(entry)
                .contains("\"mobile\":\"...123\"", "customer rang to ask")
                .doesNotContain("7700900123");

        // A second agent who read version 0 is told the details changed; nothing is written.
        Map<String, Object> stale = welshTextsAndCalls(0);
        stale.put("language", "en");
        put(t.token("agent2"), t.customer1, stale)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:contact-changed");
        assertThat(body(get(agent, "/api/v1/customers/" + t.customer1 + "/contact"))
                        .path("language")
                        .asText())
                .isEqualTo("cy");
    }

    @Test
    void aNomineeIsRecordedWithTheirOwnNumber() {
        Map<String, Object> b = new HashMap<>();
        b.put("language", "en");
        b.put("channels", List.of("SMS"));
        b.put("needs", List.of("NOMINEE", "BLIND_OR_PARTIALLY_SIGHTED"));
        b.put("nominee", Map.of("name", "Dev Patel (son)", "phone", "07700 900456"));
        b.put("version", 0);
        b.put("reason", "son handles the meter");
        JsonNode saved = body(put(agent, t.customer2, b).expectStatus().isOk());
        assertThat(saved.path("nominee").path("phone").asText()).isEqualTo("+447700900456");
        assertThat(saved.path("needs").toString()).isEqualTo("[\"BLIND_OR_PARTIALLY_SIGHTED\",\"NOMINEE\"]");
    }

    @Test
    void badNumbersAreRefusedWithTheFieldAndWhatIsAllowed() {
        Map<String, Object> b = welshTextsAndCalls(0);
        b.put("mobile", "0113 496 0000");
        b.put("landline", "not a number");
        put(agent, t.customer2, b)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-phone-number")
                .jsonPath("$.errors[0].field")
                .isEqualTo("landline")
                .jsonPath("$.errors[1].field")
                .isEqualTo("mobile");
    }

    @Test
    void unknownChannelsAndNeedsMissingReasonsAndControlCharactersAreRefused() {
        Map<String, Object> b = welshTextsAndCalls(0);
        b.put("channels", List.of("APP", "PIGEON"));
        b.put("needs", List.of("LOUD"));
        b.put("language", "fr");
        put(agent, t.customer2, b)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:validation")
                .jsonPath("$.errors[?(@.field=='channels[1]')].allowed")
                .isEqualTo("APP, SMS, VOICE")
                .jsonPath("$.errors[?(@.field=='needs[0]')]")
                .exists()
                .jsonPath("$.errors[?(@.field=='language')]")
                .exists();
        // A control character is refused by the one text rule while the body is read, before any other check.
        Map<String, Object> bell = welshTextsAndCalls(0);
        bell.put("reason", "line\u0007bell");
        put(agent, t.customer2, bell)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-text")
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");

        Map<String, Object> noMobile = welshTextsAndCalls(0);
        noMobile.remove("mobile");
        noMobile.put("channels", List.of("SMS"));
        put(agent, t.customer2, noMobile)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("channels");
        assertThat(count("SELECT count(*) FROM reach_contact WHERE customer_account_id = '" + t.customer2 + "'"
                        + " AND 'SMS' = ANY (channels)"))
                .isZero();
    }

    @Test
    void anotherSuppliersCustomerIsNotFoundAndCustomersCannotEdit() {
        put(other.token("agent"), t.customer1, welshTextsAndCalls(1))
                .expectStatus()
                .isNotFound();
        get(other.token("agent"), "/api/v1/customers/" + t.customer1 + "/contact")
                .expectStatus()
                .isNotFound();
        get(agent, "/api/v1/customers/not-a-uuid/contact").expectStatus().isNotFound();
        put(t.token("customer1"), t.customer1, welshTextsAndCalls(1))
                .expectStatus()
                .isForbidden();
        put(t.token("ops"), t.customer1, welshTextsAndCalls(1)).expectStatus().isForbidden();
        get(t.token("customer1"), "/api/v1/customers/" + t.customer1 + "/contact")
                .expectStatus()
                .isForbidden();
    }
}
