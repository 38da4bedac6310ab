package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeLifecycleTest extends BackendTest {

    @Autowired
    ExpirySweeper sweeper;

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("life");
    }

    private CodeView topUp(String meter) {
        return issue(t.token("agent"), meter, "top-up", Map.of("amount", "2.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void aChainedCodeIsKeptAsItsBlocksInTypingOrderAndTheTableRefusesAnythingElse() {
        CodeView code = issue(
                        t.token("supervisor"),
                        t.meter1,
                        "change-time-of-use-price",
                        Map.of(
                                "peak-rate", "27.03",
                                "off-peak-rate", "12.5",
                                "off-peak-start", "23:30",
                                "off-peak-end", "06:30",
                                "standing-charge", "53.35"))
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        if (code.status() == CodeStatus.PENDING_APPROVAL) {
            code = post(t.token("supervisor2"), "/api/v1/codes/" + code.id() + "/approve", Map.of())
                    .expectStatus()
                    .isOk()
                    .expectBody(CodeView.class)
                    .returnResult()
                    .getResponseBody();
        }
        String[] stored = db.sql("SELECT blocks FROM code WHERE id = :id")
                .bind("id", code.id())
                .map(r -> r.get(0, String[].class))
                .one()
                .block();
        assertThat(code.blocks()).isEqualTo(3);
        assertThat(List.of(stored))
                .isEqualTo(code.digits().stream().map(b -> b.replace(" ", "")).toList());

        String block = stored[0];
        UUID id = code.id();
        for (String refused : List.of(
                "ARRAY['" + block.substring(1) + "']",
                "ARRAY['" + block + "x']",
                "ARRAY[]::text[]",
                "ARRAY['" + block + "', NULL]",
                "ARRAY['" + block + "','" + block + "','" + block + "','" + block + "']",
                "ARRAY[ARRAY['" + block + "'], ARRAY['" + block + "']]")) {
            assertThatThrownBy(() -> db.sql("UPDATE code SET blocks = " + refused + " WHERE id = :id")
                            .bind("id", id)
                            .fetch()
                            .rowsUpdated()
                            .block())
                    .as(refused)
                    .hasMessageContaining("code_blocks_of_20_digits");
        }
    }

    @Test
    void anAgentCancelsAnIssuedCodeAndCannotCancelItTwice() {
        CodeView code = topUp(t.meter2);
        CodeView cancelled = post(
                        t.token("agent2"),
                        "/api/v1/codes/" + code.id() + "/cancel",
                        Map.of("reason", "customer lost it"))
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(cancelled.status()).isEqualTo(CodeStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("customer lost it");
        post(t.token("agent2"), "/api/v1/codes/" + code.id() + "/cancel", Map.of("reason", "again"))
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void theCustomerReportsAcceptedAndTheSameReportAgainChangesNothing() {
        CodeView code = topUp(t.meter1);
        String customer = t.token("customer1");
        CodeView accepted = post(customer, "/api/v1/codes/" + code.id() + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(accepted.status()).isEqualTo(CodeStatus.ACCEPTED);
        assertThat(accepted.resultAt()).isNotNull();
        assertThat(post(customer, "/api/v1/codes/" + code.id() + "/result", Map.of("outcome", "ACCEPTED"))
                        .expectStatus()
                        .isOk()
                        .expectBody(CodeView.class)
                        .returnResult()
                        .getResponseBody())
                .isEqualTo(accepted);
        assertThat(count("SELECT highest_accepted FROM code_counter c JOIN device d ON d.id = c.device_id"
                        + " WHERE d.eui64 = '" + t.meter1 + "'"))
                .isEqualTo(code.counter());
    }

    @Test
    void anAgentReportsARejectionWithTheReasonThePpmidShowed() {
        CodeView code = topUp(t.meter2);
        post(
                        t.token("agent"),
                        "/api/v1/codes/" + code.id() + "/result",
                        Map.of("outcome", "REJECTED", "reason", "counter-too-old"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("REJECTED")
                .jsonPath("$.resultReason")
                .isEqualTo("counter-too-old");
    }

    @Test
    void aRejectionNeedsAReasonTheMeterCouldHaveShown() {
        CodeView code = topUp(t.meter2);
        post(
                        t.token("agent"),
                        "/api/v1/codes/" + code.id() + "/result",
                        Map.of("outcome", "REJECTED", "reason", "it said no"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason")
                .jsonPath("$.errors[0].allowed")
                .value(v -> assertThat((String) v).contains("duplicate"));
        post(t.token("agent"), "/api/v1/codes/" + code.id() + "/result", Map.of("outcome", "ISSUED"))
                .expectStatus()
                .isBadRequest();
    }

    private CodeView report(String token, CodeView code, Map<String, String> result) {
        return post(token, "/api/v1/codes/" + code.id() + "/result", result)
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
    }

    private java.util.List<String> history(CodeView code) {
        return db.sql("SELECT outcome || coalesce(':' || reason, '') AS r FROM code_result WHERE code_id = :id"
                        + " ORDER BY seq")
                .bind("id", code.id())
                .map(row -> row.get("r", String.class))
                .all()
                .collectList()
                .block();
    }

    private long auditEntries(CodeView code, String action) {
        return count("SELECT count(*) FROM audit_log WHERE entry::jsonb ->> 'subject' = 'code:" + code.id()
                + "' AND entry::jsonb ->> 'action' = '" + action + "'");
    }

    @Test
    void theAppsReasonsUnknownAndCreditTooHighAreRecorded() {
        CodeView code = topUp(t.meter2);
        String customer = t.token("customer2");
        assertThat(report(customer, code, Map.of("outcome", "REJECTED", "reason", "unknown"))
                        .resultReason())
                .isEqualTo("unknown");
        assertThat(report(customer, code, Map.of("outcome", "REJECTED", "reason", "over-maximum-balance"))
                        .resultReason())
                .isEqualTo("over-maximum-balance");
        assertThat(history(code)).containsExactly("REJECTED:unknown", "REJECTED:over-maximum-balance");
    }

    @Test
    void aCodeRejectedThenTypedAgainAndAcceptedEndsAcceptedWithBothResultsKeptAndAudited() {
        CodeView code = topUp(t.meter1);
        String customer = t.token("customer1");
        report(customer, code, Map.of("outcome", "REJECTED", "reason", "locked-out"));

        CodeView accepted = report(customer, code, Map.of("outcome", "ACCEPTED"));

        assertThat(accepted.status()).isEqualTo(CodeStatus.ACCEPTED);
        assertThat(accepted.resultReason()).isNull();
        assertThat(history(code)).containsExactly("REJECTED:locked-out", "ACCEPTED");
        assertThat(auditEntries(code, "code.rejected")).isEqualTo(1);
        assertThat(auditEntries(code, "code.accepted")).isEqualTo(1);
        assertThat(count("SELECT highest_accepted FROM code_counter c JOIN device d ON d.id = c.device_id"
                        + " WHERE d.eui64 = '" + t.meter1 + "'"))
                .isGreaterThanOrEqualTo(code.counter());
        get(t.token("ops"), "/api/v1/audit/verify")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(true);
    }

    @Test
    void aRejectionReportedAfterAnAcceptanceIsKeptButTheCodeStaysAccepted() {
        CodeView code = topUp(t.meter1);
        report(t.token("agent"), code, Map.of("outcome", "ACCEPTED"));

        CodeView after = report(t.token("agent"), code, Map.of("outcome", "REJECTED", "reason", "duplicate"));

        assertThat(after.status()).isEqualTo(CodeStatus.ACCEPTED);
        assertThat(history(code)).containsExactly("ACCEPTED", "REJECTED:duplicate");
        assertThat(auditEntries(code, "code.rejected")).isEqualTo(1);
    }

    @Test
    void theSameRejectionReportedTwiceIsOneResult() {
        CodeView code = topUp(t.meter2);
        report(t.token("customer2"), code, Map.of("outcome", "REJECTED", "reason", "typo"));
        report(t.token("customer2"), code, Map.of("outcome", "REJECTED", "reason", "typo"));
        assertThat(history(code)).containsExactly("REJECTED:typo");
        assertThat(auditEntries(code, "code.rejected")).isEqualTo(1);
    }

    @Test
    void aResultRetriedWithItsKeyAfterALaterResultIsAnsweredAndNotRecordedAgain() {
        CodeView code = topUp(t.meter2);
        String customer = t.token("customer2");
        reportWithKey(customer, code, Map.of("outcome", "REJECTED", "reason", "locked-out"), "result-1")
                .expectStatus()
                .isOk();
        reportWithKey(customer, code, Map.of("outcome", "REJECTED", "reason", "typo"), "result-2")
                .expectStatus()
                .isOk();

        // The first report's retry comes late (the phone was offline): without its key it would read as new.
        CodeView replayed = reportWithKey(
                        customer, code, Map.of("outcome", "REJECTED", "reason", "locked-out"), "result-1")
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        assertThat(replayed.resultReason()).isEqualTo("typo");
        assertThat(history(code)).containsExactly("REJECTED:locked-out", "REJECTED:typo");
        assertThat(auditEntries(code, "code.rejected")).isEqualTo(2);
    }

    @Test
    void aResultKeySentWithAnotherOutcomeIsRefusedAndWritesNothing() {
        CodeView code = topUp(t.meter2);
        String customer = t.token("customer2");
        reportWithKey(customer, code, Map.of("outcome", "REJECTED", "reason", "locked-out"), "result-a")
                .expectStatus()
                .isOk();
        reportWithKey(customer, code, Map.of("outcome", "ACCEPTED"), "result-a")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:idempotency-key-reused");
        reportWithKey(customer, code, Map.of("outcome", "ACCEPTED"), "bad key")
                .expectStatus()
                .isBadRequest();
        assertThat(history(code)).containsExactly("REJECTED:locked-out");
    }

    @Test
    void twoReportsWithNewKeysAreTwoResultsEvenWhenTheMeterShowedTheSameTwice() {
        CodeView code = topUp(t.meter2);
        String customer = t.token("customer2");
        reportWithKey(customer, code, Map.of("outcome", "REJECTED", "reason", "locked-out"), "first-try")
                .expectStatus()
                .isOk();
        reportWithKey(customer, code, Map.of("outcome", "REJECTED", "reason", "locked-out"), "second-try")
                .expectStatus()
                .isOk();
        assertThat(history(code)).containsExactly("REJECTED:locked-out", "REJECTED:locked-out");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec reportWithKey(
            String token, CodeView code, Map<String, String> result, String key) {
        return http.post()
                .uri("/api/v1/codes/" + code.id() + "/result")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", key);
                })
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(result)
                .exchange();
    }

    @Test
    void aCancelledCodeTheMeterAcceptedIsAcceptedAndOneItRefusedStaysCancelled() {
        CodeView taken = topUp(t.meter2);
        CodeView refused = topUp(t.meter2);
        for (CodeView code : java.util.List.of(taken, refused)) {
            post(t.token("agent"), "/api/v1/codes/" + code.id() + "/cancel", Map.of("reason", "read out wrongly"))
                    .expectStatus()
                    .isOk();
        }

        CodeView accepted = report(t.token("customer2"), taken, Map.of("outcome", "ACCEPTED"));
        CodeView stillCancelled =
                report(t.token("customer2"), refused, Map.of("outcome", "REJECTED", "reason", "unknown"));

        assertThat(accepted.status()).isEqualTo(CodeStatus.ACCEPTED);
        assertThat(accepted.cancelReason()).isEqualTo("read out wrongly");
        assertThat(stillCancelled.status()).isEqualTo(CodeStatus.CANCELLED);
        assertThat(history(refused)).containsExactly("REJECTED:unknown");
        assertThat(auditEntries(refused, "code.rejected")).isEqualTo(1);
    }

    @Test
    void noResultIsTakenForACodeWhoseDigitsWereNeverReleased() {
        CodeView pending = issue(t.token("agent"), t.meter2, "set-credit", Map.of("balance", "5.00"))
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        post(t.token("agent"), "/api/v1/codes/" + pending.id() + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("wrong-status");
        assertThat(history(pending)).isEmpty();
    }

    @Test
    void codesPastTheirExpiryAreMarkedExpiredWithAnAuditEntry() {
        CodeView code = topUp(t.meter2);
        db.sql("UPDATE code SET expires_at = now() - interval '1 minute' WHERE id = :id")
                .bind("id", code.id())
                .fetch()
                .rowsUpdated()
                .block();

        assertThat(sweeper.sweep().block()).isEqualTo(1);

        get(t.token("agent"), "/api/v1/codes/" + code.id())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("EXPIRED");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry::jsonb ->> 'action' = 'code.expired'"))
                .isEqualTo(1);
    }

    @Test
    void aMetersHistoryIsPagedNewestFirst() {
        String meter = t.gas1;
        CodeView first = topUp(meter);
        CodeView second = topUp(meter);
        CodeView third = topUp(meter);
        get(t.token("ops"), "/api/v1/meters/" + meter + "/codes?page=0&size=2")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.totalItems")
                .isEqualTo(3)
                .jsonPath("$.items.length()")
                .isEqualTo(2)
                .jsonPath("$.items[0].id")
                .isEqualTo(third.id().toString())
                .jsonPath("$.items[1].id")
                .isEqualTo(second.id().toString());
        get(t.token("admin"), "/api/v1/meters/" + meter + "/codes?page=1&size=2")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(first.id().toString());
        get(t.token("agent"), "/api/v1/meters/" + meter + "/codes?size=0")
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aCustomerListsTheirOwnCodesNewestFirstWithACursor() {
        String meter = t.meter2;
        topUp(meter);
        topUp(meter);
        String customer = t.token("customer2");
        Map<?, ?> page1 = get(customer, "/api/v1/me/codes?limit=1")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((java.util.List<?>) page1.get("items")).hasSize(1);
        String cursor = (String) page1.get("nextCursor");
        assertThat(cursor).isNotBlank();
        Map<?, ?> page2 = get(customer, "/api/v1/me/codes?limit=100&cursor=" + cursor)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((java.util.List<?>) page2.get("items"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(((Map<?, ?>) c).get("customerId")).isEqualTo(t.customer2.toString()));
        assertThat(page2.get("nextCursor")).isNull();
        get(customer, "/api/v1/me/codes?cursor=nonsense").expectStatus().isBadRequest();
    }
}
