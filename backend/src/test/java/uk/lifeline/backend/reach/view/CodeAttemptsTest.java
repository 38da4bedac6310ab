package uk.lifeline.backend.reach.view;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.reach.sms.DemoSmsc;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * A code's delivery attempts on every channel, through the real ladder, the real jSMPP client and the loopback
 * SMSC: the ladder's text, the text's receipt, the customer's DONE reply; only for the code's own supplier; and
 * the campaign page's heading (title, message, area, window, launcher).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.sms.demo-smsc=true",
            "lifeline.sms.demo-port=27752",
            "lifeline.sms.poll-interval=50ms",
            "lifeline.reach.ladder.app-deadline=0s",
            "lifeline.reach.ladder.text-deadline=3s",
            "lifeline.reach.ladder.poll-interval=100ms",
            "lifeline.campaigns.poll-interval=100ms",
            "lifeline.activation.support-phones.default=0800 111 2222"
        })
class CodeAttemptsTest extends BackendTest {

    @Autowired
    DemoSmsc smsc;

    private final ObjectMapper json = new ObjectMapper();
    private Tenant t;
    private Tenant other;

    @BeforeAll
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("ca");
        other = tenant("cb");
    }

    private JsonNode body(WebTestClient.ResponseSpec r) {
        try {
            return json.readTree(r.expectBody(String.class).returnResult().getResponseBody());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> seen(JsonNode attempts) {
        List<String> out = new ArrayList<>();
        attempts.path("attempts")
                .forEach(a -> out.add(a.path("channel").asText() + " "
                        + a.path("what").asText() + " " + a.path("state").asText()));
        return out;
    }

    @Test
    void aCodesAttemptsShowTheLaddersTextItsReceiptAndTheCustomersDoneReply() {
        String agent = t.token("agent");
        put(
                agent,
                "/api/v1/customers/" + t.customer1 + "/contact",
                Map.of(
                        "mobile",
                        "07700 900321",
                        "language",
                        "en",
                        "channels",
                        List.of("APP", "SMS"),
                        "needs",
                        List.of(),
                        "version",
                        0,
                        "reason",
                        "rang in"));
        String code = body(issue(agent, t.meter1, "top-up", Map.of("amount", 5))
                        .expectStatus()
                        .isCreated())
                .path("id")
                .asText();
        String path = "/api/v1/codes/" + code + "/attempts";

        awaitSeen(agent, path, List.of("LADDER text TAKEN", "SMS text DELIVERED", "LADDER voice STOPPED"));
        JsonNode attempts = body(get(agent, path).expectStatus().isOk());
        assertThat(attempts.path("status").asText()).isEqualTo("ISSUED");
        assertThat(attempts.path("voiceCalls").asBoolean())
                .as("calls are read through CallLog")
                .isTrue();
        JsonNode text = find(attempts, "SMS", "text");
        assertThat(text.path("detail").asText()).isEqualTo("to ...321");
        assertThat(find(attempts, "LADDER", "text").path("detail").asText()).startsWith("texted ...321 (");
        assertThat(find(attempts, "LADDER", "voice").path("detail").asText()).isEqualTo("the text was delivered");
        assertThat(attempts.toString()).doesNotContain("07700900321", "+447700900321");

        smsc.running().orElseThrow();
        Eventually.until(
                () -> {
                    try {
                        smsc.running().get().sendText("+447700900321", "done");
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                },
                Duration.ofSeconds(10));
        awaitSeen(agent, path, List.of("SMS confirmed-entered ENTERED"));
        assertThat(body(get(t.token("ops"), path).expectStatus().isOk())
                        .path("status")
                        .asText())
                .isEqualTo("ENTERED");
    }

    @Test
    void anotherSuppliersCodeIsNotFoundAndCustomersMayNotAsk() {
        String code = body(issue(t.token("agent"), t.meter2, "top-up", Map.of("amount", 3))
                        .expectStatus()
                        .isCreated())
                .path("id")
                .asText();
        problem(get(other.token("agent"), "/api/v1/codes/" + code + "/attempts"), 404, "not-found");
        problem(get(other.token("ops"), "/api/v1/codes/" + code + "/attempts"), 404, "not-found");
        problem(get(t.token("customer2"), "/api/v1/codes/" + code + "/attempts"), 403, "forbidden");
        problem(get(null, "/api/v1/codes/" + code + "/attempts"), 401, "unauthorized");
        problem(get(t.token("agent"), "/api/v1/codes/not-a-code/attempts"), 404, "not-found");
        problem(get(t.token("agent"), "/api/v1/codes/" + java.util.UUID.randomUUID() + "/attempts"), 404, "not-found");
    }

    @Test
    void theCampaignPageHeadingSaysTitleMessageAreaWindowAndLauncher() {
        String ops = t.token("ops");
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String campaign = body(post(
                                ops,
                                "/api/v1/notices",
                                Map.of(
                                        "title",
                                        "Storm Arwen",
                                        "message",
                                        "Supply stays on until Friday",
                                        "reason",
                                        "red warning",
                                        "area",
                                        Map.of("districts", List.of("LS6")),
                                        "startsAt",
                                        from.toString(),
                                        "endsAt",
                                        from.plus(Duration.ofDays(2)).toString()))
                        .expectStatus()
                        .isCreated())
                .path("id")
                .asText();
        JsonNode heading = body(
                get(ops, "/api/v1/console/campaigns/" + campaign).expectStatus().isOk());
        assertThat(heading.path("title").asText()).isEqualTo("Storm Arwen");
        assertThat(heading.path("message").asText()).isEqualTo("Supply stays on until Friday");
        assertThat(heading.path("area").path("districts").get(0).asText()).isEqualTo("LS6");
        assertThat(Instant.parse(heading.path("startsAt").asText())).isEqualTo(from);
        assertThat(Instant.parse(heading.path("endsAt").asText())).isEqualTo(from.plus(Duration.ofDays(2)));
        assertThat(heading.path("launchedBy").asText()).isEqualTo("ops");
        problem(get(other.token("ops"), "/api/v1/console/campaigns/" + campaign), 404, "not-found");
        problem(get(t.token("agent"), "/api/v1/console/campaigns/" + campaign), 403, "forbidden");
    }

    @Test
    void aCampaignsOwnAppDeadlineSetsWhenTheLadderTextsAndBadDeadlinesAreRefused() {
        String ops = other.token("ops");
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> notice = new java.util.HashMap<>(Map.of(
                "title",
                "Snow",
                "message",
                "Supply stays on",
                "reason",
                "snow",
                "area",
                Map.of("districts", List.of("LS6")),
                "startsAt",
                from.toString(),
                "endsAt",
                from.plus(Duration.ofDays(1)).toString()));
        for (Object bad : List.of(0, -5, 1441, "soon")) {
            notice.put("appDeadlineMinutes", bad);
            problem(post(ops, "/api/v1/notices", notice), 400, "validation");
        }
        assertThat(count("SELECT count(*) FROM campaign WHERE supplier_id = '" + other.supplierId + "'"))
                .isZero();

        notice.put("appDeadlineMinutes", 7);
        String campaign = body(post(ops, "/api/v1/notices", notice)
                        .expectStatus()
                        .isCreated())
                .path("id")
                .asText();
        Eventually.until(
                () -> count("SELECT count(*) FROM reach_step WHERE campaign_id = '" + campaign + "'") == 2,
                Duration.ofSeconds(30));
        assertThat(count("""
                SELECT count(*) FROM reach_step p JOIN outbox_message m ON m.subject_id = p.code_id AND m.kind = 'code'
                WHERE p.campaign_id = '%s' AND p.step = 'TEXT' AND p.state = 'WAITING'
                  AND p.due_at = m.created_at + interval '7 minutes'
                """.formatted(campaign))).isEqualTo(2);
    }

    @Test
    void theDemoPhonesAreNotThereWithoutTheDemo() {
        problem(get(t.token("ops"), "/api/v1/demo/phones"), 404, "not-found");
        problem(
                post(t.token("ops"), "/api/v1/demo/phones/" + t.customer1 + "/replies", Map.of("text", "HELP")),
                404,
                "not-found");
        problem(get(t.token("agent"), "/api/v1/demo/phones"), 403, "forbidden");
    }

    /** Waits until the attempts include all of {@code wanted}, saying what they were when they never do. */
    private void awaitSeen(String token, String path, List<String> wanted) {
        List<String> last = new ArrayList<>();
        try {
            Eventually.until(
                    () -> {
                        last.clear();
                        last.addAll(seen(body(get(token, path).expectStatus().isOk())));
                        return last.containsAll(wanted);
                    },
                    Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError("wanted " + wanted + ", saw " + last, e);
        }
    }

    private static JsonNode find(JsonNode attempts, String channel, String what) {
        for (JsonNode a : attempts.path("attempts")) {
            if (a.path("channel").asText().equals(channel)
                    && a.path("what").asText().equals(what)) {
                return a;
            }
        }
        throw new AssertionError("no " + channel + " " + what + " in " + attempts);
    }

    private void put(String token, String path, Object body) {
        http.put()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }
}
