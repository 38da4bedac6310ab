package uk.lifeline.backend.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.MovableClock;
import uk.lifeline.calendar.MeterTime;

/**
 * The at-risk list, PSR entries, actions, winter proposals and monthly figures on PostgreSQL, over the demo data
 * (two suppliers): each signal raises an entry, PSR customers come first, another supplier sees none of it, a
 * proposal needs a second supervisor, and the figures count what the list and the actions recorded.
 */
@TestPropertySource(properties = {"lifeline.demo.enabled=true"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(MovableClock.Config.class)
class AtRiskTest extends BackendTest {

    @Autowired
    MovableClock clock;

    static final String CAROL_GAS = "00DB1234567800A2";
    static final String CAROL_ELECTRICITY = "00DB1234567800A1";
    static final String GRACE_GAS = "00DB1234567800C2";

    private String token(String username) {
        // The first sign-in hashes with the full cost on a shared machine: more than the default 5 s at times.
        Map<?, ?> body = http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "demo-password"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    private JsonNode list(String token) {
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/api/v1/at-risk?days=3")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode entry(JsonNode list, String meter) {
        for (JsonNode e : list.get("entries")) {
            if (e.get("meterId").asText().equals(meter)) {
                return e;
            }
        }
        return null;
    }

    private List<String> signals(JsonNode entry) {
        List<String> out = new ArrayList<>();
        entry.get("reasons").forEach(r -> out.add(r.get("signal").asText()));
        return out;
    }

    private String customerId(String token, String query) {
        return get(token, "/api/v1/customers?q=" + query)
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("items")
                .get(0)
                .get("id")
                .asText();
    }

    @Test
    @Order(1)
    void aPsrCustomerWhoseModelledBalanceRunsOutWithinTwoDaysHeadsTheDemoList() {
        JsonNode list = list(token("amy.agent"));
        JsonNode first = list.get("entries").get(0);
        assertThat(first.get("meterId").asText()).isEqualTo(CAROL_GAS);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("psr").asBoolean()).isTrue();
        assertThat(first.get("medicallyDependent").asBoolean()).isTrue();
        assertThat(signals(first)).contains("run-out-soon", "emergency-credit-in-use");
        Instant earliest = Instant.parse(first.get("runOut").get("earliest").asText());
        assertThat(earliest).isBefore(Instant.now().plus(Duration.ofDays(2)));
        assertThat(first.get("runOut").get("windowText").asText()).containsPattern("G?MT|BST");
        assertThat(first.get("runOut").get("restsOn").size()).isGreaterThan(1);
        // A meter with the WAN is never on the list: the supplier sees it directly.
        assertThat(entry(list, "00DB1234567800C1")).isNull();
    }

    @Test
    @Order(2)
    void eachSignalRaisesAnEntryWithItsReason() {
        String amy = token("amy.agent");
        // Accumulated debt on Carol's electricity meter: debt growing. Report a low balance: run-out soon.
        JsonNode before = list(amy);
        assertThat(signals(entry(before, CAROL_ELECTRICITY))).contains("debt-growing");
        assertThat(signals(entry(before, GRACE_GAS))).contains("supply-off");

        http.put()
                .uri("/api/v1/meters/" + CAROL_ELECTRICITY + "/model")
                .headers(h -> h.setBearerAuth(amy))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("balancePence", 150, "accumulatedDebtPence", 0, "reason", "customer read it"))
                .exchange()
                .expectStatus()
                .isOk();
        // A code the keypad answered "locked".
        CodeView code = issue(amy, CAROL_ELECTRICITY, "top-up", Map.of("amount", 5))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        post(amy, "/api/v1/codes/" + code.id() + "/result", Map.of("outcome", "REJECTED", "reason", "locked-out"))
                .expectStatus()
                .isOk();
        // Carol says she has no supply, in the app.
        post(
                        token("carol.customer"),
                        "/api/v1/me/no-supply",
                        Map.of("meterId", CAROL_ELECTRICITY, "note", "nothing works"))
                .expectStatus()
                .isCreated();

        JsonNode after = entry(list(amy), CAROL_ELECTRICITY);
        assertThat(signals(after))
                .contains("run-out-soon", "code-problem-reported", "no-supply-reported")
                .doesNotContain("debt-growing");
        assertThat(after.get("reasons").get(0).get("detail").asText()).contains("reported no supply");
    }

    @Test
    @Order(3)
    void noTopUpForLongerThanTheUsualIntervalIsOverdue() {
        String amy = token("amy.agent");
        String meter = CAROL_GAS;
        for (int i = 0; i < 3; i++) {
            issue(amy, meter, "top-up", Map.of("amount", 10)).expectStatus().isCreated();
        }
        // The fixture moves the three top-ups into the past (40, 30 and 20 days ago): a usual interval of 10 days.
        db.sql("""
                WITH t AS (SELECT c.id, row_number() OVER (ORDER BY c.issued_at) AS n FROM code c
                  JOIN device d ON d.id = c.device_id WHERE d.eui64 = :m AND c.command = 'top-up'
                  AND c.amount_pence = 1000)
                UPDATE code SET issued_at = now() - ((50 - 10 * t.n) || ' days')::interval
                FROM t WHERE code.id = t.id
                """).bind("m", meter).fetch().rowsUpdated().block();
        JsonNode e = entry(list(amy), meter);
        assertThat(signals(e)).contains("top-up-overdue");
    }

    @Test
    @Order(4)
    void psrCustomersComeFirstAndTheRestByDanger() {
        JsonNode list = list(token("sam.supervisor"));
        boolean seenNonPsr = false;
        for (JsonNode e : list.get("entries")) {
            if (!e.get("psr").asBoolean()) {
                seenNonPsr = true;
            } else {
                assertThat(seenNonPsr).as("a PSR entry after a non-PSR one").isFalse();
            }
        }
        assertThat(seenNonPsr).isTrue();
        assertThat(list.get("atRisk").asLong()).isEqualTo(list.get("entries").size());
        assertThat(list.get("psrAtRisk").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(5)
    void anAgentRecordsAPsrEntryWhichIsAuditedAndCheckedField() {
        String amy = token("amy.agent");
        String grace = customerId(amy, "BS3+4QT");
        LocalDate review = LocalDate.now(MeterTime.ZONE).plusMonths(6);
        http.put()
                .uri("/api/v1/customers/" + grace + "/psr")
                .headers(h -> h.setBearerAuth(amy))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "needs",
                        List.of("young-children", "partially-sighted"),
                        "consent",
                        true,
                        "reviewDate",
                        review.toString(),
                        "nominee",
                        "Tom Evans"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.needs[0].code")
                .isEqualTo("young-children")
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.consentAt")
                .exists();
        get(amy, "/api/v1/customers/" + grace + "/psr")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.nominee")
                .isEqualTo("Tom Evans");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%psr.recorded%'"))
                .isEqualTo(1);

        putPsr(amy, grace, Map.of("needs", List.of("made-up-need"), "consent", true, "reviewDate", review.toString()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:validation")
                .jsonPath("$.errors[0].field")
                .isEqualTo("needs");
        putPsr(
                        amy,
                        grace,
                        Map.of(
                                "needs",
                                List.of("blind"),
                                "consent",
                                true,
                                "reviewDate",
                                LocalDate.now(MeterTime.ZONE).minusDays(1).toString()))
                .expectStatus()
                .isBadRequest();
        putPsr(
                        amy,
                        grace,
                        Map.of(
                                "needs",
                                List.of("blind"),
                                "consent",
                                true,
                                "reviewDate",
                                review.toString(),
                                "nominee",
                                "Tom\u0007Evans"))
                .expectStatus()
                .isBadRequest();
        putPsr(amy, grace, Map.of("needs", List.of("blind", "blind"), "consent", true, "reviewDate", review.toString()))
                .expectStatus()
                .isBadRequest();
        putPsr(amy, "not-a-uuid", Map.of("needs", List.of("blind"), "consent", true, "reviewDate", review.toString()))
                .expectStatus()
                .isNotFound();
        putPsr(
                        token("carol.customer"),
                        grace,
                        Map.of("needs", List.of("blind"), "consent", true, "reviewDate", review.toString()))
                .expectStatus()
                .isForbidden();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec putPsr(
            String token, String customer, Map<String, ?> body) {
        return http.put()
                .uri("/api/v1/customers/" + customer + "/psr")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    @Order(6)
    void anotherSupplierSeesNoneOfIt() {
        String amy = token("amy.agent");
        String carol = customerId(amy, "LS6+2AB");
        String nina = northernAgent();
        JsonNode theirs = list(nina);
        for (JsonNode e : theirs.get("entries")) {
            assertThat(e.get("meterId").asText()).doesNotStartWith("00DB1234567800A");
        }
        get(nina, "/api/v1/customers/" + carol + "/psr").expectStatus().isNotFound();
        putPsr(
                        nina,
                        carol,
                        Map.of(
                                "needs",
                                List.of("blind"),
                                "consent",
                                true,
                                "reviewDate",
                                LocalDate.now(MeterTime.ZONE).plusMonths(1).toString()))
                .expectStatus()
                .isNotFound();
        http.post()
                .uri("/api/v1/at-risk/" + CAROL_GAS + "/support-credit")
                .headers(h -> h.setBearerAuth(nina))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "10.00", "reason", "help"))
                .exchange()
                .expectStatus()
                .isNotFound();
        post(nina, "/api/v1/at-risk/" + CAROL_GAS + "/contacts", Map.of("action", "call", "outcome", "reached"))
                .expectStatus()
                .isNotFound();
        assertThat(count("SELECT count(*) FROM code WHERE reason LIKE 'additional support credit%'"))
                .isZero();
    }

    private String northernAgent() {
        String username = db.sql("SELECT u.username FROM app_user u JOIN supplier s ON s.id = u.supplier_id"
                        + " WHERE s.code = 'northern-power' AND u.role = 'AGENT' LIMIT 1")
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        return token(username);
    }

    @Test
    @Order(7)
    void supportCreditGoesThroughIssuingAndItsApprovalPolicy() {
        String amy = token("amy.agent");
        // Above the agent's 50.00 per code: waits for a supervisor, digits withheld.
        CodeView pending = http.post()
                .uri("/api/v1/at-risk/" + CAROL_GAS + "/support-credit")
                .headers(h -> h.setBearerAuth(amy))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "60.00", "reason", "PSR customer on emergency credit"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(pending.status().name()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.reason()).startsWith("additional support credit: ");
        post(amy, "/api/v1/codes/" + pending.id() + "/approve", Map.of())
                .expectStatus()
                .isForbidden();
        post(token("sam.supervisor"), "/api/v1/codes/" + pending.id() + "/approve", Map.of())
                .expectStatus()
                .isOk();
        assertThat(count("SELECT count(*) FROM risk_event WHERE code_id = '" + pending.id()
                        + "' AND action = 'SUPPORT_CREDIT' AND outcome = 'SUPPORTED'"))
                .isEqualTo(1);
        post(
                        amy,
                        "/api/v1/at-risk/" + CAROL_GAS + "/contacts",
                        Map.of(
                                "action",
                                "emergency-credit-guidance",
                                "outcome",
                                "reached",
                                "note",
                                "talked through the button"))
                .expectStatus()
                .isCreated();
        post(
                        amy,
                        "/api/v1/at-risk/" + CAROL_GAS + "/contacts",
                        Map.of("action", "support-credit", "outcome", "supported"))
                .expectStatus()
                .isBadRequest();
        post(amy, "/api/v1/at-risk/" + CAROL_GAS + "/contacts", Map.of("action", "shout", "outcome", "reached"))
                .expectStatus()
                .isBadRequest();
    }

    @Test
    @Order(8)
    void aWinterProposalNeedsASecondSupervisorBeforeAnyCode() {
        String sam = token("sam.supervisor");
        String sue = token("sue.supervisor");
        if (!ProtectionProposals.winter(LocalDate.now(MeterTime.ZONE))) {
            post(sam, "/api/v1/protection-proposals", Map.of()).expectStatus().isEqualTo(409);
            return;
        }
        long codes = count("SELECT count(*) FROM code WHERE command = 'set-friendly-credit-period'");
        JsonNode made = post(sam, "/api/v1/protection-proposals", Map.of())
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(made.get("proposed").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode open = get(sam, "/api/v1/protection-proposals")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        String id = open.get(0).get("id").asText();
        assertThat(open.get(0).get("parameters").get("start").asText()).isEqualTo("16:00");
        assertThat(count("SELECT count(*) FROM code WHERE command = 'set-friendly-credit-period'"))
                .isEqualTo(codes);

        http.post()
                .uri("/api/v1/protection-proposals/" + id + "/approve")
                .headers(h -> h.setBearerAuth(sam))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:four-eyes");
        get(token("amy.agent"), "/api/v1/protection-proposals").expectStatus().isForbidden();
        assertThat(count("SELECT count(*) FROM code WHERE command = 'set-friendly-credit-period'"))
                .isEqualTo(codes);

        http.post()
                .uri("/api/v1/protection-proposals/" + id + "/approve")
                .headers(h -> h.setBearerAuth(sue))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .exchange()
                .expectStatus()
                .isCreated();
        assertThat(count("SELECT count(*) FROM code WHERE command = 'set-friendly-credit-period'"))
                .isEqualTo(codes + 1);
        http.post()
                .uri("/api/v1/protection-proposals/" + id + "/approve")
                .headers(h -> h.setBearerAuth(sue))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        // Proposing again does not repeat an approved one... but an open one is never doubled.
        post(sam, "/api/v1/protection-proposals", Map.of()).expectStatus().isCreated();
        assertThat(count("SELECT count(*) FROM protection_proposal WHERE status = 'PROPOSED'"))
                .isEqualTo(
                        count("SELECT count(DISTINCT device_id) FROM protection_proposal WHERE status = 'PROPOSED'"));
    }

    @Test
    @Order(9)
    void theMonthlyFiguresCountWhatTheListAndTheActionsRecorded() {
        String sam = token("sam.supervisor");
        JsonNode list = list(sam);
        JsonNode month = get(sam, "/api/v1/reports/at-risk")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(month.get("detectedMeters").asLong())
                .isEqualTo(count(
                        "SELECT count(DISTINCT device_id) FROM risk_detection d JOIN supplier s ON s.id = d.supplier_id"
                                + " WHERE s.code = 'bright-energy'"));
        assertThat(month.get("detectedMeters").asLong())
                .isGreaterThanOrEqualTo(list.get("atRisk").asLong());
        assertThat(month.get("detectedPsrMeters").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(month.get("customersContacted").asLong()).isEqualTo(1);
        assertThat(month.get("customersSupported").asLong()).isEqualTo(1);
        assertThat(month.get("supportCreditCodes").asLong()).isEqualTo(1);
        assertThat(month.get("supportCreditPence").asLong()).isEqualTo(6000);
        assertThat(month.get("selfDisconnectionsReported").asLong()).isEqualTo(1);
        String csv = get(sam, "/api/v1/reports/at-risk.csv")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv).startsWith("month,detected_meters,detected_psr_meters,");
        assertThat(csv.split("\r?\n")[1]).endsWith(",1,6000,1");
        get(sam, "/api/v1/reports/at-risk?month=2026-13").expectStatus().isBadRequest();
        get(token("amy.agent"), "/api/v1/reports/at-risk").expectStatus().isForbidden();
        get(sam, "/api/v1/at-risk?days=0").expectStatus().isBadRequest();
        get(sam, "/api/v1/at-risk?limit=100000").expectStatus().isBadRequest();
    }

    @Test
    @Order(10)
    void theCustomersAppGetsTheSameWindowReportsTheDisplayAndAsksForACallBack() {
        String carol = token("carol.customer");
        JsonNode mine = get(carol, "/api/v1/me/run-out")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("items");
        assertThat(mine).hasSize(2);
        JsonNode gas = null;
        for (JsonNode m : mine) {
            if (m.get("meterId").asText().equals(CAROL_GAS)) {
                gas = m;
            }
        }
        // The same window as the agents' list (over a horizon as long): both are Signals.runOut on the same model.
        JsonNode listed = entry(
                get(token("amy.agent"), "/api/v1/at-risk?days=14")
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody(),
                CAROL_GAS);
        assertThat(gas.get("runOut").get("earliest"))
                .isEqualTo(listed.get("runOut").get("earliest"));
        assertThat(gas.get("days").get("from").asInt()).isBetween(0, 14);
        assertThat(gas.get("days").get("low").isBoolean()).isTrue();

        JsonNode after = post(carol, "/api/v1/me/meter-readings", Map.of("meterId", CAROL_GAS, "balance", "25.00"))
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(after.get("availablePence").asLong()).isGreaterThanOrEqualTo(2500);
        assertThat(after.get("modelSource").asText()).isEqualTo("REPORTED");
        // More credit than the model held: the window opens later, or not within the 30 days at all.
        if (after.get("runOut").has("earliest")) {
            assertThat(after.get("runOut").get("earliest").asText())
                    .isGreaterThan(gas.get("runOut").get("earliest").asText());
        } else {
            assertThat(after.get("runOut").get("kind").asText()).isEqualTo("not-within-horizon");
            assertThat(after.path("days").isNull() || after.path("days").isMissingNode())
                    .isTrue();
        }
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%meter-model.reported%'"
                        + " AND entry LIKE '%the customer read the display in the app%'"))
                .isEqualTo(1);

        post(carol, "/api/v1/me/meter-readings", Map.of("meterId", CAROL_GAS, "balance", "12.345"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("balance");
        post(carol, "/api/v1/me/meter-readings", Map.of("meterId", CAROL_GAS, "balance", "1000000.00"))
                .expectStatus()
                .isBadRequest();
        post(carol, "/api/v1/me/meter-readings", Map.of("balance", "1.00"))
                .expectStatus()
                .isBadRequest();
        // Grace's meter is the same supplier's, but not Carol's: not found, and nothing written.
        post(carol, "/api/v1/me/meter-readings", Map.of("meterId", GRACE_GAS, "balance", "1.00"))
                .expectStatus()
                .isNotFound();
        post(token("amy.agent"), "/api/v1/me/meter-readings", Map.of("meterId", CAROL_GAS, "balance", "1.00"))
                .expectStatus()
                .isForbidden();

        post(carol, "/api/v1/me/call-back", Map.of("meterId", CAROL_GAS, "note", "no heating"))
                .expectStatus()
                .isCreated();
        // Pressing again while the call back is open adds no second call.
        post(carol, "/api/v1/me/call-back", Map.of("note", "still nothing"))
                .expectStatus()
                .isCreated();
        assertThat(db.sql("SELECT detail FROM reach_task WHERE kind = 'CALL_BACK'")
                        .map(r -> r.get(0, String.class))
                        .all()
                        .collectList()
                        .block())
                .containsExactly("no supply at meter " + CAROL_GAS + ", asked in the app for a call back: no heating");
        post(carol, "/api/v1/me/call-back", Map.of("meterId", GRACE_GAS))
                .expectStatus()
                .isNotFound();
        post(carol, "/api/v1/me/call-back", Map.of("note", "bad\u0007"))
                .expectStatus()
                .isBadRequest();
        get(token("amy.agent"), "/api/v1/me/run-out").expectStatus().isForbidden();
    }

    @Test
    @Order(11)
    void balancesTheCustomerReadOffTheDisplayAWeekApartMakeTheForecastRestOnTheHomesOwnUse() {
        String carol = token("carol.customer");
        String keptForTheMeter = "SELECT count(*) FROM meter_reading r JOIN device d ON d.id = r.device_id"
                + " AND d.supplier_id = r.supplier_id WHERE d.eui64 = '" + CAROL_ELECTRICITY + "'";
        // From a customer who has not read this display before (earlier tests may have).
        db.sql("DELETE FROM meter_reading r USING device d WHERE d.id = r.device_id AND d.eui64 = :m")
                .bind("m", CAROL_ELECTRICITY)
                .fetch()
                .rowsUpdated()
                .block();
        // Read late in a second (xx.7 s), where a rounded instant would fall after "now" and be left out.
        clock.setLondon(LocalDateTime.ofInstant(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minusMillis(300), MeterTime.ZONE));
        try {
            readTwiceAWeekApart(carol, keptForTheMeter);
        } finally {
            clock.reset();
        }

        // The agents' list and the app work it out alike; an agent's report without a balance keeps no reading.
        String amy = token("amy.agent");
        http.put()
                .uri("/api/v1/meters/{meter}/model", CAROL_ELECTRICITY)
                .headers(h -> h.setBearerAuth(amy))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paymentDebtPence", 0, "reason", "customer read the debt register"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(count(keptForTheMeter)).isEqualTo(2);
    }

    /** Carol reads 30.00, then (as if a week on) 20.00: two balances a week apart. */
    private void readTwiceAWeekApart(String carol, String keptForTheMeter) {
        JsonNode first = readDisplay(carol, CAROL_ELECTRICITY, "30.00");
        assertThat(count(keptForTheMeter)).isEqualTo(1);
        // One reading says nothing yet about how fast the home spends.
        assertThat(first.get("runOut").get("basis").asText()).isNotEqualTo("reported-balances");

        // As if that reading was a week ago (a test cannot wait a week).
        db.sql("UPDATE meter_reading SET read_at = read_at - interval '7 days'")
                .fetch()
                .rowsUpdated()
                .block();
        JsonNode second = readDisplay(carol, CAROL_ELECTRICITY, "20.00");
        assertThat(count(keptForTheMeter)).isEqualTo(2);
        assertThat(second.get("runOut").get("basis").asText()).isEqualTo("reported-balances");
        assertThat(second.get("runOut").get("restsOn").toString()).contains("2 balances reported");
    }

    /** The customer types what the display shows into the app; the meter's new window comes back. */
    private JsonNode readDisplay(String customer, String meter, String balance) {
        return post(customer, "/api/v1/me/meter-readings", Map.of("meterId", meter, "balance", balance))
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
