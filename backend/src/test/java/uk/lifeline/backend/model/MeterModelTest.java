package uk.lifeline.backend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.SingleRate;

/**
 * The modelled meter state: previews run the tariff engine on it, issuing refuses what the modelled meter would
 * refuse, an accepted result moves it on (audited), an agent can report what the display shows, and no supplier
 * reaches another's models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeterModelTest extends BackendTest {

    @Autowired
    MeterModels models;

    private Tenant t;
    private Tenant other;

    @BeforeAll
    void tenants() {
        t = tenant("model");
        other = tenant("model-other");
    }

    private UUID device(Tenant tenant, String eui) {
        return db.sql("SELECT id FROM device WHERE supplier_id = :s AND eui64 = :e")
                .bind("s", tenant.supplierId)
                .bind("e", eui)
                .map(r -> r.get("id", UUID.class))
                .one()
                .block();
    }

    private static MeterSettings settings() {
        return MeterSettings.builder(new SingleRate(new UnitPrice(24862), new UnitPrice(60100)))
                .build();
    }

    /** Replaces the tenant's meter model with {@code state} (tests reuse meters). */
    private void model(Tenant tenant, String eui, MeterState state) {
        UUID device = device(tenant, eui);
        db.sql("DELETE FROM meter_model WHERE supplier_id = :s AND device_id = :d")
                .bind("s", tenant.supplierId)
                .bind("d", device)
                .fetch()
                .rowsUpdated()
                .block();
        assertThat(models.seed(tenant.supplierId, device, state, state.asOf()).block())
                .isTrue();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(60);
    }

    private Map<?, ?> preview(String token, String meter, String command, Map<String, ?> parameters) {
        return post(
                        token,
                        "/api/v1/meters/" + meter + "/codes/preview",
                        Map.of("command", command, "parameters", parameters, "reason", "check"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private Map<?, ?> modelView(String token, String meter) {
        return get(token, "/api/v1/meters/" + meter + "/model")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static Object at(Object json, String... path) {
        Object here = json;
        for (String step : path) {
            here = ((Map<?, ?>) here).get(step);
        }
        return here;
    }

    private static long pence(Object json, String... path) {
        return ((Number) at(json, path)).longValue();
    }

    @Test
    void aTopUpPreviewShowsTheEngineAllocationAndWritesNothing() {
        // The docs/tariff.md worked example: 150.00 payment-based debt at 10%, 3.40 accumulated debt, a balance
        // of -0.40 against a 0.00 threshold, emergency credit of 10.00 of which 5.00 is used.
        model(
                t,
                t.meter1,
                MeterState.initial(settings(), now())
                        .withCredit(new Credit(-40, true, 500))
                        .withDebts(new Debts(TimeDebt.NONE, TimeDebt.NONE, new PaymentDebt(15000, 10), 340)));
        long codes = count("SELECT count(*) FROM code");
        long audit = count("SELECT count(*) FROM audit_log");

        Map<?, ?> preview = preview(t.token("agent"), t.meter1, "top-up", Map.of("amount", "20.00"));

        Object effect = at(preview, "effect");
        assertThat(at(effect, "computed")).isEqualTo(true);
        assertThat(at(effect, "outcome")).isEqualTo("applied");
        assertThat(at(effect, "model", "source")).isEqualTo("SEEDED");
        assertThat(pence(effect, "allocation", "amountPence")).isEqualTo(2000);
        assertThat(pence(effect, "allocation", "paymentDebtPence")).isEqualTo(200);
        assertThat(pence(effect, "allocation", "accumulatedDebtPence")).isEqualTo(340);
        assertThat(pence(effect, "allocation", "shortfallPence")).isEqualTo(40);
        assertThat(pence(effect, "allocation", "emergencyCreditPence")).isEqualTo(500);
        assertThat(pence(effect, "allocation", "balancePence")).isEqualTo(920);
        assertThat(pence(effect, "before", "balancePence")).isEqualTo(-40);
        assertThat(pence(effect, "after", "balancePence")).isEqualTo(920);
        assertThat(pence(effect, "before", "debt", "totalPence")).isEqualTo(15340);
        assertThat(pence(effect, "after", "debt", "paymentBased", "amountPence"))
                .isEqualTo(14800);
        assertThat(pence(effect, "after", "debt", "accumulatedPence")).isEqualTo(0);
        assertThat(at(effect, "after", "emergencyCredit", "active")).isEqualTo(false);
        assertThat(at(effect, "after", "tariff", "type")).isEqualTo("single-rate");
        assertThat(at(effect, "after", "supply")).isEqualTo("enabled");
        assertThat(at(effect, "after", "protection", "protectedNow")).isEqualTo(false);
        assertThat((List<?>) at(effect, "changes"))
                .extracting(c -> at(c, "change"))
                .startsWith(
                        "top-up",
                        "payment-debt-recovery",
                        "accumulated-debt-repaid",
                        "shortfall-repaid",
                        "emergency-credit-repaid");
        assertThat(at(preview, "issuable", "allowed")).isEqualTo(true);
        assertThat(count("SELECT count(*) FROM code")).isEqualTo(codes);
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(audit);
    }

    @Test
    void aTopUpOverTheMaximumBalanceIsPreviewedAsRefusedAndIsNotIssued() {
        model(t, t.meter2, MeterState.initial(settings(), now()).withCredit(new Credit(24000, false, 0)));
        String agent = t.token("agent");

        Map<?, ?> preview = preview(agent, t.meter2, "top-up", Map.of("amount", "20.00"));
        assertThat(at(preview, "effect", "outcome")).isEqualTo("refused");
        assertThat(at(preview, "effect", "refusal", "code")).isEqualTo("over-maximum-balance");
        assertThat((String) at(preview, "effect", "refusal", "detail"))
                .contains("26000p")
                .contains("25000p");
        assertThat(pence(preview, "effect", "after", "balancePence")).isEqualTo(24000);
        assertThat(at(preview, "issuable", "allowed")).isEqualTo(false);
        assertThat(at(preview, "issuable", "problem")).isEqualTo("urn:lifeline:problem:meter-would-refuse");

        long codes = count("SELECT count(*) FROM code");
        long next = count("SELECT next_counter FROM code_counter WHERE device_id = '" + device(t, t.meter2) + "'");
        issue(agent, t.meter2, "top-up", Map.of("amount", "20.00"))
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:meter-would-refuse")
                .jsonPath("$.detail")
                .value(d ->
                        assertThat((String) d).contains("over-maximum-balance").contains("Nothing was issued"))
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).startsWith("over-maximum-balance"));
        assertThat(count("SELECT count(*) FROM code")).isEqualTo(codes);
        assertThat(count("SELECT next_counter FROM code_counter WHERE device_id = '" + device(t, t.meter2) + "'"))
                .isEqualTo(next);

        // A smaller top-up fits under the maximum, and the usual rules still apply to it.
        issue(agent, t.meter2, "top-up", Map.of("amount", "10.00"))
                .expectStatus()
                .isCreated();
        // Over the agent's own limit: pending approval, as before.
        model(t, t.meter2, MeterState.initial(settings(), now()));
        issue(agent, t.meter2, "top-up", Map.of("amount", "60.00"))
                .expectStatus()
                .isAccepted();
        // A single top-up over the meter's maximum credit threshold (100.00) is refused whoever asks.
        issue(t.token("supervisor"), t.meter2, "top-up", Map.of("amount", "120.00"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("over-maximum-credit"));
    }

    @Test
    void anAcceptedResultMovesTheModelOnInTheSameTransactionAndIsAudited() {
        model(t, t.meter1, MeterState.initial(settings(), now()).withCredit(new Credit(500, false, 0)));
        String agent = t.token("agent");
        String id = (String) issue(agent, t.meter1, "top-up", Map.of("amount", "10.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(pence(modelView(agent, t.meter1), "state", "balancePence")).isEqualTo(500);

        post(t.token("customer1"), "/api/v1/codes/" + id + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isOk();

        Map<?, ?> after = modelView(agent, t.meter1);
        assertThat(pence(after, "state", "balancePence")).isEqualTo(1500);
        assertThat(at(after, "model", "source")).isEqualTo("MODELLED");
        assertThat(at(after, "model", "sourceCodeId")).isEqualTo(id);
        assertThat(pence(after, "model", "version")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%meter-model.applied%' AND entry LIKE '%"
                        + id + "%'"))
                .isEqualTo(1);
        // The same report again changes nothing; a rejected code leaves the model alone.
        post(agent, "/api/v1/codes/" + id + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isOk();
        String rejected = (String) issue(agent, t.meter1, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        post(agent, "/api/v1/codes/" + rejected + "/result", Map.of("outcome", "REJECTED", "reason", "duplicate"))
                .expectStatus()
                .isOk();
        Map<?, ?> still = modelView(agent, t.meter1);
        assertThat(pence(still, "state", "balancePence")).isEqualTo(1500);
        assertThat(pence(still, "model", "version")).isEqualTo(2);
        get(t.token("supervisor"), "/api/v1/audit/verify")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(true);
    }

    @Test
    void aCodeTheMeterAcceptedButTheModelWouldRefuseMarksTheModelDiverged() {
        model(t, t.gas1, MeterState.initial(settings(), now()).withCredit(new Credit(1000, false, 0)));
        String agent = t.token("agent");
        String id = (String) issue(agent, t.gas1, "top-up", Map.of("amount", "30.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        // Meanwhile the model learns of a higher balance (e.g. a top-up at a shop): 30.00 more would be too much.
        put(agent, t.gas1, Map.of("balancePence", 24000, "reason", "customer read the display"))
                .expectStatus()
                .isOk();

        post(agent, "/api/v1/codes/" + id + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isOk();

        Map<?, ?> model = modelView(agent, t.gas1);
        assertThat(pence(model, "state", "balancePence")).isEqualTo(24000);
        assertThat((String) at(model, "model", "diverged")).contains(id).contains("over-maximum-balance");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%meter-model.diverged%'"))
                .isEqualTo(1);
    }

    @Test
    void anAgentReportsWhatTheDisplayShows() {
        model(t, t.gas1, MeterState.initial(settings(), now()).withCredit(new Credit(1000, false, 0)));
        Map<?, ?> reported = put(
                        t.token("agent"),
                        t.gas1,
                        Map.of(
                                "balancePence",
                                420,
                                "accumulatedDebtPence",
                                75,
                                "supply",
                                "armed",
                                "reason",
                                "customer read the display"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(at(reported, "model", "source")).isEqualTo("REPORTED");
        assertThat(pence(reported, "state", "balancePence")).isEqualTo(420);
        assertThat(pence(reported, "state", "debt", "accumulatedPence")).isEqualTo(75);
        assertThat(at(reported, "state", "supply")).isEqualTo("armed");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%meter-model.reported%'"))
                .isGreaterThanOrEqualTo(1);
        put(t.token("agent"), t.gas1, Map.of("accumulatedDebtPence", -1, "reason", "typo"))
                .expectStatus()
                .isBadRequest();
        put(t.token("agent"), t.gas1, Map.of("supply", "sideways", "reason", "typo"))
                .expectStatus()
                .isBadRequest();
        put(t.token("customer1"), t.gas1, Map.of("balancePence", 1, "reason", "me"))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aMeterWithNoModelIsPreviewedWithoutNumbersAndStillIssued() {
        UUID device = device(other, other.meter2);
        db.sql("DELETE FROM meter_model WHERE device_id = :d")
                .bind("d", device)
                .fetch()
                .rowsUpdated()
                .block();
        String agent = other.token("agent");
        Map<?, ?> preview = preview(agent, other.meter2, "top-up", Map.of("amount", "5.00"));
        assertThat(at(preview, "effect", "computed")).isEqualTo(false);
        assertThat((List<?>) at(preview, "effect", "notes")).isNotEmpty();
        assertThat(at(preview, "issuable", "allowed")).isEqualTo(true);
        issue(agent, other.meter2, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated();
        get(agent, "/api/v1/meters/" + other.meter2 + "/model")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:no-meter-model");
        put(agent, other.meter2, Map.of("balancePence", 1, "reason", "x"))
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void noSupplierReadsOrWritesAnotherSuppliersModels() {
        model(t, t.meter1, MeterState.initial(settings(), now()).withCredit(new Credit(700, false, 0)));
        String theirAgent = other.token("agent");
        get(theirAgent, "/api/v1/meters/" + t.meter1 + "/model").expectStatus().isNotFound();
        put(theirAgent, t.meter1, Map.of("balancePence", 1, "reason", "x"))
                .expectStatus()
                .isNotFound();
        post(
                        theirAgent,
                        "/api/v1/meters/" + t.meter1 + "/codes/preview",
                        Map.of("command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "x"))
                .expectStatus()
                .isNotFound();
        // Even with the other supplier's id and this device's id, the row is not theirs.
        assertThat(models.find(other.supplierId, device(t, t.meter1)).blockOptional())
                .isEmpty();
        assertThat(pence(modelView(t.token("agent"), t.meter1), "state", "balancePence"))
                .isEqualTo(700);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(
            String token, String meter, Map<String, ?> body) {
        return http.put()
                .uri("/api/v1/meters/" + meter + "/model")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
