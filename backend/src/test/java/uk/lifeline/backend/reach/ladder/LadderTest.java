package uk.lifeline.backend.reach.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.MovableClock;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * The ladder on a clock the test moves: app deadline, text, call, call-centre list; stop on confirmation; a crash
 * in the middle of a step; each step once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(MovableClock.Config.class)
@TestPropertySource(
        properties = {
            "lifeline.reach.ladder.enabled=false",
            "lifeline.reach.ladder.texts-per-second=1000",
            "lifeline.reach.ladder.calls-per-second=1000"
        })
class LadderTest extends BackendTest {

    @Autowired
    Ladder ladder;

    @Autowired
    MovableClock clock;

    @Autowired
    CodeDesk codes;

    private Tenant t;

    @BeforeAll
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("la");
        contact(t.customer1, List.of("SMALL_PRINT"));
        contact(t.customer2, List.of());
    }

    @AfterEach
    void noCrash() {
        ladder.afterEach = d -> {};
        clock.reset();
    }

    private static String texted(String tail, long n) {
        return "TAKEN: texted ..." + tail + " (" + n + (n == 1 ? " text)" : " texts)");
    }

    private void contact(UUID customer, List<String> needs) {
        Map<String, Object> b = new HashMap<>();
        b.put("mobile", "07700 9005" + (customer.equals(t.customer1) ? "01" : "02"));
        b.put("language", "en");
        b.put("channels", List.of("APP", "SMS", "VOICE"));
        b.put("needs", needs);
        b.put("version", 0);
        b.put("reason", "test");
        http.put()
                .uri("/api/v1/customers/" + customer + "/contact")
                .headers(h -> h.setBearerAuth(t.token("agent")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(b)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private UUID issue(String meter) {
        return UUID.fromString((String) issue(t.token("agent"), meter, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id"));
    }

    private Instant issuedAt(UUID code) {
        return db.sql("SELECT created_at FROM outbox_message WHERE subject_id = :c")
                .bind("c", code)
                .map(r -> r.get(0, Instant.class))
                .one()
                .block();
    }

    private void at(Instant instant) {
        clock.setLondon(LocalDateTime.ofInstant(instant, MeterTime.ZONE));
    }

    private String step(UUID code, String step) {
        return db.sql("SELECT state || ': ' || coalesce(outcome, '') FROM reach_step WHERE code_id = :c AND step = :s")
                .bind("c", code)
                .bind("s", step)
                .map(r -> r.get(0, String.class))
                .one()
                .blockOptional()
                .orElse("none");
    }

    private long texts(UUID code) {
        return count("SELECT count(*) FROM sms_message WHERE code_id = '" + code + "'");
    }

    @Test
    void aCodeWhoseMessageCommittedAfterANewerOneWasReadGetsItsLadderAtTheNextCatchUp() {
        UUID late = issue(t.meter2);
        Instant issued = issuedAt(late);
        long id = db.sql("SELECT id FROM outbox_message WHERE subject_id = :c")
                .bind("c", late)
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        // As if a newer message had been read while this one's transaction was still open.
        ladder.startedUpTo.set(id);
        ladder.catchUp.lastStarted(issued);

        at(issued.plus(Duration.ofSeconds(5)));
        ladder.step().block();
        assertThat(step(late, "TEXT")).as("passes read only newer messages").isEqualTo("none");

        at(issued.plus(Ladder.CATCH_UP_EVERY).plus(Duration.ofSeconds(1)));
        ladder.step().block();
        assertThat(step(late, "TEXT")).isEqualTo("WAITING: ");
    }

    @Test
    void aCodeNobodyFetchesIsTextedThenCalledThenListedForTheCallCentreEachStepOnce() {
        UUID code = issue(t.meter2);
        Instant issued = issuedAt(code);

        at(issued.plus(Duration.ofMinutes(59)));
        ladder.step().block();
        assertThat(step(code, "TEXT")).isEqualTo("WAITING: ");
        assertThat(texts(code)).isZero();

        at(issued.plus(Duration.ofMinutes(61)));
        ladder.step().block();
        ladder.step().block();
        long sent = texts(code);
        assertThat(sent).isPositive();
        assertThat(step(code, "TEXT")).isEqualTo(texted("502", sent));
        assertThat(step(code, "VOICE")).isEqualTo("WAITING: ");

        // No SMSC here: the text is never delivered, so after the text deadline the call step runs, and with voice
        // not configured the customer goes on the call centre's list with what was tried.
        at(issued.plus(Duration.ofMinutes(92)));
        ladder.step().block();
        ladder.step().block();
        assertThat(step(code, "VOICE")).isEqualTo("TAKEN: no call: voice calls are not configured");
        assertThat(step(code, "CALL_CENTRE")).isEqualTo("TAKEN: on the call centre's list");
        String detail = db.sql("SELECT detail FROM reach_task WHERE code_id = :c AND kind = 'UNREACHED'")
                .bind("c", code)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(detail)
                .isEqualTo("app: not fetched; text: " + texted("502", sent).substring(7)
                        + "; voice: no call: voice calls are not configured");
        assertThat(texts(code)).isEqualTo(sent);
        clock.reset();
    }

    @Test
    void theLadderStopsWhenTheCustomerConfirmsEntryOnAnyChannel() {
        UUID code = issue(t.meter2);
        Instant issued = issuedAt(code);
        at(issued.plus(Duration.ofMinutes(1)));
        ladder.step().block();
        codes.recordEntered(t.supplierId, code, Channel.SMS, issued.plus(Duration.ofMinutes(2)))
                .block();
        at(issued.plus(Duration.ofMinutes(61)));
        ladder.step().block();
        assertThat(step(code, "TEXT")).isEqualTo("STOPPED: the customer confirmed entry");
        assertThat(step(code, "VOICE")).isEqualTo("none");
        assertThat(texts(code)).isZero();
        clock.reset();
    }

    @Test
    void aCrashInTheMiddleOfAStepRollsItBackAndTheRestartTakesItOnce() {
        UUID code = issue(t.meter1);
        Instant issued = issuedAt(code);
        at(issued.plus(Duration.ofMinutes(1)));
        ladder.step().block();
        at(issued.plus(Duration.ofMinutes(61)));
        ladder.afterEach = d -> {
            throw new IllegalStateException("the instance stopped");
        };
        assertThatThrownBy(() -> ladder.step().block()).hasMessageContaining("the instance stopped");
        assertThat(step(code, "TEXT")).isEqualTo("WAITING: ");
        assertThat(texts(code)).isZero();

        ladder.afterEach = d -> {};
        ladder.step().block();
        ladder.step().block();
        long sent = texts(code);
        assertThat(sent).isPositive();
        assertThat(step(code, "TEXT")).isEqualTo(texted("501", sent));
        clock.reset();
    }

    @Test
    void aCustomerWhoCannotReadSmallPrintIsStillCalledWhenTheAppFetchedTheCode() {
        UUID code = issue(t.meter1);
        UUID other = issue(t.meter2);
        Instant issued = issuedAt(code);
        db.sql("UPDATE code SET status = 'DELIVERED' WHERE id IN (:c, :o)")
                .bind("c", code)
                .bind("o", other)
                .fetch()
                .rowsUpdated()
                .block();
        at(issued.plus(Duration.ofMinutes(1)));
        ladder.step().block();
        at(issued.plus(Duration.ofMinutes(61)));
        ladder.step().block();
        assertThat(step(code, "TEXT")).startsWith("TAKEN: texted");

        at(issuedAt(other).plus(Duration.ofMinutes(1)));
        ladder.step().block();
        at(issuedAt(other).plus(Duration.ofMinutes(61)));
        ladder.step().block();
        assertThat(step(other, "TEXT")).isEqualTo("STOPPED: the app fetched it");
        clock.reset();
    }

    @Test
    void aCustomerTheRegisterSaysCannotReadATextIsCalledStraightAfterItWithoutTheNeedBeingRecordedAsTheirs() {
        Tenant p = tenant("lp");
        for (UUID customer : List.of(p.customer1, p.customer2)) {
            Map<String, Object> b = new HashMap<>();
            b.put("mobile", "07700 9006" + (customer.equals(p.customer1) ? "01" : "02"));
            b.put("language", "en");
            b.put("channels", List.of("APP", "SMS", "VOICE"));
            b.put("needs", List.of());
            b.put("version", 0);
            b.put("reason", "test");
            http.put()
                    .uri("/api/v1/customers/" + customer + "/contact")
                    .headers(h -> h.setBearerAuth(p.token("agent")))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(b)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // On the Priority Services Register as partially sighted: recorded by the psr feature, not in the contact.
        http.put()
                .uri("/api/v1/customers/" + p.customer1 + "/psr")
                .headers(h -> h.setBearerAuth(p.token("agent")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "needs",
                        List.of("partially-sighted"),
                        "consent",
                        true,
                        "reviewDate",
                        java.time.LocalDate.now().plusMonths(6).toString()))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(get(p.token("agent"), "/api/v1/customers/" + p.customer1 + "/contact")
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("needs"))
                .isEqualTo(List.of());
        UUID registered = UUID.fromString((String) issue(p.token("agent"), p.meter1, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id"));
        UUID plain = UUID.fromString((String) issue(p.token("agent"), p.meter2, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id"));
        Instant issued = issuedAt(registered).isAfter(issuedAt(plain)) ? issuedAt(registered) : issuedAt(plain);

        at(issued.plus(Duration.ofMinutes(1)));
        ladder.step().block();
        at(issued.plus(Duration.ofMinutes(61)));
        ladder.step().block();
        ladder.step().block();
        assertThat(step(registered, "TEXT")).startsWith("TAKEN: texted ...601");
        assertThat(step(plain, "TEXT")).startsWith("TAKEN: texted ...602");
        // The call comes at once for the registered customer; the other waits to see whether the text arrives.
        assertThat(step(registered, "VOICE")).startsWith("TAKEN: ");
        assertThat(step(plain, "VOICE")).isEqualTo("WAITING: ");
        clock.reset();
    }
}
