package uk.lifeline.backend.reach.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import uk.lifeline.backend.reach.CallLog;
import uk.lifeline.backend.reach.ladder.Ladder;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.MovableClock;
import uk.lifeline.backend.testing.ProblemAssert;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * The embedded demo without a Twilio account: the ladder's VOICE step records the script the call would say,
 * labelled as never dialled, and the customer goes on to the call centre at once; no webhook is accepted; health
 * says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(MovableClock.Config.class)
@TestPropertySource(
        properties = {
            "lifeline.reach.ladder.enabled=false",
            "lifeline.reach.ladder.calls-per-second=1000",
            "lifeline.reach.ladder.texts-per-second=1000",
            "lifeline.voice.demo=true"
        })
class VoiceDemoTest extends BackendTest {

    @Autowired
    Ladder ladder;

    @Autowired
    MovableClock clock;

    @Autowired
    CallLog log;

    private Tenant t;

    @BeforeAll
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("vd");
        Map<String, Object> b = new HashMap<>();
        b.put("landline", "0113 496 0001");
        b.put("language", "cy");
        b.put("channels", List.of("APP", "VOICE"));
        b.put("needs", List.of());
        b.put("version", 0);
        b.put("reason", "test");
        http.put()
                .uri("/api/v1/customers/" + t.customer1 + "/contact")
                .headers(h -> h.setBearerAuth(t.token("agent")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(b)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theDemoRecordsTheCallScriptNeverDialsAndTheCallCentreIsDueAtOnce() {
        UUID code = UUID.fromString((String) issue(t.token("agent"), t.meter1, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id"));
        Instant issued = db.sql("SELECT created_at FROM outbox_message WHERE subject_id = :c")
                .bind("c", code)
                .map(r -> r.get(0, Instant.class))
                .one()
                .block();
        clock.setLondon(LocalDateTime.ofInstant(issued.plus(Duration.ofMinutes(61)), MeterTime.ZONE));
        ladder.step().block();
        ladder.step().block();
        ladder.step().block();

        String outcome = db.sql("SELECT outcome FROM reach_step WHERE code_id = :c AND step = 'VOICE'")
                .bind("c", code)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(outcome).isEqualTo("demo: call script recorded for ...001, not dialled");
        String callCentre = db.sql("SELECT state FROM reach_step WHERE code_id = :c AND step = 'CALL_CENTRE'")
                .bind("c", code)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(callCentre).isEqualTo("TAKEN");
        List<CallLog.Call> calls =
                log.forCustomer(t.supplierId, t.customer1, 10).collectList().block();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).state()).isEqualTo("demo: not dialled");
        assertThat(calls.get(0).phone()).isEqualTo("+441134960001");
        assertThat(calls.get(0).script())
                .startsWith("Helo. Supplier vd sydd yma")
                .contains("Grŵp 1.", "(hang up)");
        assertThat(calls.get(0).codeId()).isEqualTo(code);
    }

    @Test
    void withoutATwilioAccountEveryWebhookIsRefusedAndHealthSaysVoiceIsInDemoMode() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("From", "+441134960001");
        ProblemAssert.problem(
                        http.post()
                                .uri("/api/v1/voice/inbound")
                                .header("X-Twilio-Signature", "anything")
                                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                .body(BodyInserters.fromFormData(form))
                                .exchange(),
                        403,
                        "webhook-signature-invalid")
                .jsonPath("$.detail")
                .isEqualTo("voice calls are not configured here, so no webhook is accepted");
        get(t.token("ops"), "/actuator/health")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.voice.status")
                .isEqualTo("UP")
                .jsonPath("$.components.voice.details.mode")
                .isEqualTo("DEMO");
    }
}
