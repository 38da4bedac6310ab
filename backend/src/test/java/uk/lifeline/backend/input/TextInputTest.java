package uk.lifeline.backend.input;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.RawHttp;
import uk.lifeline.backend.testing.Tenant;

/**
 * The one text rule, wherever text comes in: a control character (other than tab and newline), an unpaired
 * surrogate or a noncharacter is 400 {@code invalid-text} naming the field; never a 500 or a 503; and a bad
 * request never reaches a shared issuing batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextInputTest extends BackendTest {

    private Tenant t;
    private String agent;

    @BeforeAll
    void tenant() {
        http = http.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
        t = tenant("text");
        agent = t.token("agent");
    }

    private void invalidText(
            org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, String field) {
        problem(response, 400, "invalid-text").jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec issueBody(Map<String, ?> body) {
        return http.post()
                .uri("/api/v1/meters/{m}/codes", t.meter1)
                .headers(h -> h.setBearerAuth(agent))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aNulInAnIssueReasonIs400NotA503() {
        invalidText(
                issueBody(Map.of("command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "rang\u0000")),
                "reason");
    }

    @Test
    void aNulInACommandParameterNamesTheParameter() {
        invalidText(
                issueBody(Map.of("command", "top-up", "parameters", Map.of("amount", "1.00\u0000"), "reason", "rang")),
                "parameters.amount");
    }

    @Test
    void commandNamesMatchExactlyNeitherTrimmedNorFolded() {
        invalidText(
                issueBody(Map.of("command", "top-up\u0000", "parameters", Map.of("amount", "1.00"), "reason", "rang")),
                "command");
        for (String name : List.of(" top-up", "top-up ", "TOP-UP", "top-up\t")) {
            problem(
                    issueBody(Map.of("command", name, "parameters", Map.of("amount", "1.00"), "reason", "rang")),
                    400,
                    "unknown-command");
        }
        assertThat(count("SELECT count(*) FROM code WHERE supplier_id = '" + t.supplierId + "' AND reason = 'rang'"))
                .isZero();
    }

    /** JSON escapes as a client could send them (a Java client cannot even encode an unpaired surrogate). */
    @Test
    void unpairedSurrogatesNoncharactersAndC1AreRefusedButWelshIsText() {
        for (String bad : List.of(
                "a\\ud800b",
                "\\udc00",
                "x\\ufffe",
                "\\ufdd0",
                "\\u0085",
                "\\u007f",
                "\\r",
                "\\u001b[2J",
                "\\ud83f\\udffe")) {
            String body = "{\"command\":\"top-up\",\"parameters\":{\"amount\":\"1.00\"},\"reason\":\"" + bad + "\"}";
            invalidText(
                    http.post()
                            .uri("/api/v1/meters/{m}/codes", t.meter1)
                            .headers(h -> h.setBearerAuth(agent))
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body)
                            .exchange(),
                    "reason");
        }
        issueBody(Map.of(
                        "command",
                        "top-up",
                        "parameters",
                        Map.of("amount", "1.00"),
                        "reason",
                        "Mae'r cwsmer wedi ffonio: dŵr, tŷ\tline\nnext \uD83D\uDE00"))
                .expectStatus()
                .isCreated();
    }

    @Test
    void aNulInTheSignInUsernameOrPasswordIs400() {
        invalidText(
                post(
                        null,
                        "/api/v1/auth/token",
                        Map.of("username", t.username("agent") + "\u0000", "password", Tenant.PASSWORD)),
                "username");
        invalidText(
                post(null, "/api/v1/auth/token", Map.of("username", t.username("agent"), "password", "x\u0000")),
                "password");
    }

    @Test
    void aNulInTheCustomerSearchIs400NamingQ() {
        invalidText(
                http.get()
                        .uri(b -> b.path("/api/v1/customers")
                                .queryParam("q", "{q}")
                                .build("LS6\u0000"))
                        .headers(h -> h.setBearerAuth(agent))
                        .exchange(),
                "q");
    }

    @Test
    void aControlCharacterInAPathVariableIs400() {
        RawHttp.Answer answer = RawHttp.send(
                port, "GET /api/v1/codes/abc%01def HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: Bearer " + agent);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).contains("application/problem+json");
    }

    /**
     * Non-ASCII keys (sent as UTF-8 or Latin-1 bytes) and control characters: 400, never 500. Keys the HTTP layer
     * refuses before the application (control characters) get its bare 400; keys that reach the application
     * get a problem. No body is sent: the server answers on the header alone and closes the connection.
     */
    @Test
    void aNonAsciiOrControlIdempotencyKeyIs400Not500() {
        List<String> keys = List.of(
                latin1("\u043a\u043b\u044e\u0447-\u00e9"),
                latin1("\u20ac-\u0085"),
                "caf\u00e9",
                "key\u0001",
                "key\u007f",
                "\u00ff\u00fe");
        for (String key : keys) {
            RawHttp.Answer answer = RawHttp.send(
                    port,
                    "POST /api/v1/meters/" + t.meter1 + "/codes HTTP/1.1\r\n"
                            + "Host: localhost\r\nAuthorization: Bearer " + agent + "\r\nContent-Type: application/json"
                            + "\r\nIdempotency-Key: " + key);
            assertThat(answer.status()).as("key %s", key).isEqualTo(400);
            if (!answer.body().isEmpty()) {
                assertThat(answer.header("content-type")).as("key %s", key).contains("problem+json");
            }
        }
        assertThat(count("SELECT count(*) FROM code WHERE supplier_id = '" + t.supplierId
                        + "' AND reason = 'hostile key'"))
                .isZero();
    }

    /** The UTF-8 bytes of {@code text}, one char per byte, as they travel in a header. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aNulInCancelAndRefuseReasonsIs400() {
        CodeView pending = issueBody(
                        Map.of("command", "set-credit", "parameters", Map.of("balance", "5.00"), "reason", "r"))
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        invalidText(post(agent, "/api/v1/codes/" + pending.id() + "/cancel", Map.of("reason", "no\u0000")), "reason");
        invalidText(
                post(t.token("supervisor"), "/api/v1/codes/" + pending.id() + "/refuse", Map.of("reason", "\u0000")),
                "reason");
    }

    @Test
    void aNulInANoticeTitleOrMessageIs400() {
        Map<String, Object> notice = new java.util.HashMap<>(Map.of(
                "title",
                "Cold\u0000",
                "message",
                "m",
                "reason",
                "r",
                "area",
                Map.of("all", true),
                "startsAt",
                "2030-01-01T00:00:00Z",
                "endsAt",
                "2030-01-02T00:00:00Z"));
        invalidText(post(t.token("ops"), "/api/v1/notices", notice), "title");
        notice.put("title", "Cold");
        notice.put("message", "stay\u0000warm");
        invalidText(post(t.token("ops"), "/api/v1/notices", notice), "message");
    }

    @Test
    void aNulInAnInstallCodeNoteOrCsvUploadIs400() {
        invalidText(
                post(agent, "/api/v1/install-code-requests", Map.of("deviceId", "00DB1234567890FF", "note", "n\u0000")),
                "note");
        problem(
                        http.post()
                                .uri("/api/v1/install-code-requests/bulk")
                                .headers(h -> h.setBearerAuth(agent))
                                .contentType(MediaType.parseMediaType("text/csv"))
                                .bodyValue("deviceId,note\n00DB1234567890FF,bad\u0000note\n")
                                .exchange(),
                        400,
                        "invalid-text")
                .jsonPath("$.errors[0].field")
                .isEqualTo("rows[1][1]");
    }

    @Test
    void aNulInAPhonesNameIs400() {
        invalidText(
                post(
                        null,
                        "/api/v1/activations",
                        Map.of("activationCode", "1234 5678 9012", "deviceName", "Pixel\u0000")),
                "deviceName");
        invalidText(
                post(
                        t.token("customer1"),
                        "/api/v1/me/devices",
                        Map.of("token", "fcm-token", "platform", "android", "name", "My\u0000phone")),
                "name");
    }

    @Test
    void aMemberNameIsTextTooAndIsNotEchoed() {
        invalidText(
                issueBody(Map.of("command", "top-up", "parameters", Map.of("amo\u0000unt", "1.00"), "reason", "r")),
                "parameters");
    }

    /** A bad request is refused while its body is read, so it never joins (or fails) a shared issuing batch. */
    @Test
    void hostileRequestsInABatchNeverFailTheGoodOnes() {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean bad = i % 2 == 1;
            Map<String, ?> body = Map.of(
                    "command",
                    "top-up",
                    "parameters",
                    Map.of("amount", "0.01"),
                    "reason",
                    bad ? "poison\u0000" : "good " + i);
            answers.add(CompletableFuture.supplyAsync(
                    () -> issueBody(body).returnResult(Void.class).getStatus().value()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        for (int i = 0; i < statuses.size(); i++) {
            assertThat(statuses.get(i)).as("request %d", i).isEqualTo(i % 2 == 1 ? 400 : 201);
        }
    }
}
