package uk.lifeline.backend.reach.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import uk.lifeline.backend.reach.CallLog;
import uk.lifeline.backend.reach.ladder.Ladder;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.MovableClock;
import uk.lifeline.backend.testing.ProblemAssert;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * Voice calls end to end against the real Twilio SDK routed to a loopback Twilio: the ladder's VOICE step on a
 * clock the test moves, the exact Calls request, the TwiML of every step in English and Welsh, signed webhooks
 * accepted and everything else refused, status callbacks moving the call and the ladder, keys 1, 2 and 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import({MovableClock.Config.class, LoopbackTwilio.Config.class})
@TestPropertySource(
        properties = {
            "lifeline.reach.ladder.enabled=false",
            "lifeline.reach.ladder.texts-per-second=1000",
            "lifeline.reach.ladder.calls-per-second=1000",
            "lifeline.voice.account-sid=" + VoiceCallsTest.ACCOUNT,
            "lifeline.voice.auth-token=" + VoiceCallsTest.TOKEN,
            "lifeline.voice.from-number=+441632960900",
            "lifeline.voice.call-centre-number=+443001230000",
            "lifeline.voice.public-base-url=https://lifeline.test/",
            "lifeline.voice.poll-interval=1h",
            "lifeline.voice.first-retry=10s",
            "lifeline.voice.max-attempts=3"
        })
class VoiceCallsTest extends BackendTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test-auth-token-not-a-secret";
    static final String BASE = "https://lifeline.test";

    @Autowired
    Ladder ladder;

    @Autowired
    MovableClock clock;

    @Autowired
    LoopbackTwilio twilio;

    @Autowired
    VoiceConfig.Sender sender;

    @Autowired
    CallLog log;

    @Autowired
    OutboundCalls outbound;

    private Tenant t;
    private Tenant other;

    @BeforeAll
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("vo");
        other = tenant("vx");
        contact(t, t.customer1, "07700 900501", "en");
        contact(t, t.customer2, "07700 900502", "cy");
        contact(other, other.customer1, "07700 900601", "en");
    }

    @BeforeEach
    void clean() {
        twilio.requests.clear();
        twilio.answers.clear();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void contact(Tenant tenant, UUID customer, String mobile, String language) {
        Map<String, Object> b = new HashMap<>();
        b.put("mobile", mobile);
        b.put("language", language);
        b.put("channels", List.of("APP", "VOICE"));
        b.put("needs", List.of());
        b.put("version", 0);
        b.put("reason", "test");
        http.put()
                .uri("/api/v1/customers/" + customer + "/contact")
                .headers(h -> h.setBearerAuth(tenant.token("agent")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(b)
                .exchange()
                .expectStatus()
                .isOk();
    }

    // ---- helpers: codes, the ladder up to the call, the sender

    private UUID issue(Tenant tenant, String meter) {
        return UUID.fromString((String) issue(tenant.token("agent"), meter, "top-up", Map.of("amount", "5.00"))
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

    /** Issues a code and runs the ladder on until its VOICE step is taken (no app, no text: straight on). */
    private UUID toTheCall(Tenant tenant, String meter) {
        clock.reset();
        UUID code = issue(tenant, meter);
        Instant issued = issuedAt(code);
        at(issued.plus(Duration.ofMinutes(61)));
        ladder.step().block();
        ladder.step().block();
        return code;
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

    private Map<String, Object> call(UUID code) {
        return db.sql(
                        "SELECT id, state, call_sid, attempts, last_error, confirmed_at FROM voice_call WHERE code_id = :c")
                .bind("c", code)
                .fetch()
                .one()
                .block();
    }

    private UUID callId(UUID code) {
        return (UUID) call(code).get("id");
    }

    private String digits(UUID code) {
        return db.sql("SELECT array_to_string(blocks, '') FROM code WHERE id = :c")
                .bind("c", code)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
    }

    private static List<String> groups(String digits) {
        List<String> g = new ArrayList<>();
        for (int i = 0; i < digits.length(); i += 4) {
            g.add(digits.substring(i, i + 4));
        }
        return g;
    }

    private static String spaced(String group) {
        return String.join(", ", group.split(""));
    }

    // ---- helpers: webhooks as Twilio posts them

    private WebTestClient.ResponseSpec webhook(String path, Map<String, String> params, String signature) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        return http.post()
                .uri(path)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Twilio-Signature", signature);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    private WebTestClient.ResponseSpec signed(String path, Map<String, String> params) {
        return webhook(path, params, TwilioSigner.sign(TOKEN, BASE + path, params));
    }

    private static Map<String, String> params(String sid, String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", ACCOUNT);
        p.put("CallSid", sid);
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private Document twiml(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    private static Document parse(String xml) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not TwiML: " + xml, e);
        }
    }

    private static List<Element> all(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static List<String> said(Document doc) {
        return all(doc, "Say").stream().map(Node::getTextContent).toList();
    }

    private void sends() {
        sender.sender().step();
    }

    // ---- the outbound call

    @Test
    void theVoiceStepQueuesOneCallAndTheSenderMakesExactlyThisCallsRequest() {
        UUID code = toTheCall(t, t.meter1);
        assertThat(step(code, "VOICE")).isEqualTo("TAKEN: calling ...501");
        assertThat(step(code, "CALL_CENTRE")).isEqualTo("WAITING: ");
        assertThat(call(code).get("state")).isEqualTo("pending");
        assertThat(twilio.requests).isEmpty();

        sends();
        sends();
        assertThat(twilio.requests).hasSize(1);
        LoopbackTwilio.Captured r = twilio.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json");
        assertThat(r.host()).isEqualTo("api.twilio.com");
        assertThat(r.authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        UUID id = callId(code);
        assertThat(r.form())
                .containsOnlyKeys(
                        "To", "From", "Twiml", "StatusCallback", "StatusCallbackEvent", "StatusCallbackMethod");
        assertThat(r.one("To")).isEqualTo("+447700900501");
        assertThat(r.one("From")).isEqualTo("+441632960900");
        assertThat(r.one("StatusCallback")).isEqualTo(BASE + "/api/v1/voice/calls/" + id + "/status");
        assertThat(r.form().get("StatusCallbackEvent"))
                .containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(r.one("StatusCallbackMethod")).isEqualTo("POST");
        assertThat(call(code).get("state")).isEqualTo("queued");
        assertThat(call(code).get("call_sid")).isEqualTo(twilio.sids.get(twilio.sids.size() - 1));

        // The opening TwiML: who, why, which meter, then the code group by group, slowly, then the menu.
        Document doc = parse(r.one("Twiml"));
        List<String> said = said(doc);
        assertThat(said.get(0))
                .isEqualTo("Hello. This is Supplier vo, calling about your electricity meter, the one"
                        + " whose number ends "
                        + spaced(t.meter1
                                .replace("-", "")
                                .substring(t.meter1.replace("-", "").length() - 4))
                        + ".");
        assertThat(said.get(1)).startsWith("We have a code for you to type into your meter. What it does: ");
        List<String> groups = groups(digits(code));
        assertThat(said)
                .contains("Please have your meter's keypad ready. The code has " + groups.size()
                        + " groups of four digits. I will read each group slowly.");
        List<Element> slow = all(doc, "prosody");
        assertThat(slow)
                .extracting(Node::getTextContent)
                .containsExactlyElementsOf(
                        groups.stream().map(VoiceCallsTest::spaced).toList());
        assertThat(slow).allSatisfy(p -> assertThat(p.getAttribute("rate")).isEqualTo("slow"));
        for (int i = 0; i < groups.size(); i++) {
            assertThat(said).contains("Group " + (i + 1) + ".");
        }
        assertThat(all(doc, "Say")).allSatisfy(s -> {
            assertThat(s.getAttribute("voice")).isEqualTo("Polly.Amy");
            assertThat(s.getAttribute("language")).isEqualTo("en-GB");
        });
        assertThat(all(doc, "Pause")).isNotEmpty();
        Element gather = all(doc, "Gather").get(0);
        assertThat(gather.getAttribute("action")).isEqualTo(BASE + "/api/v1/voice/calls/" + id + "/keys");
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(gather.getTextContent())
                .contains("To hear the code again, press 1. When you have typed it into"
                        + " your meter, press 2. To speak to someone, press 0.");
        assertThat(all(doc, "Hangup")).hasSize(1);

        // An opening too long to go inline is fetched from the opening webhook: the same words.
        String sid = (String) call(code).get("call_sid");
        Document fetched =
                twiml(signed("/api/v1/voice/calls/" + id + "/opening", params(sid, "CallStatus", "in-progress")));
        assertThat(said(fetched)).isEqualTo(said);
        assertThat(all(fetched, "prosody"))
                .extracting(Node::getTextContent)
                .containsExactlyElementsOf(
                        groups.stream().map(VoiceCallsTest::spaced).toList());

        // What the call log shows is what was said.
        List<CallLog.Call> logged =
                log.forCode(t.supplierId, code).collectList().block();
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).state()).isEqualTo("queued");
        assertThat(logged.get(0).direction()).isEqualTo("OUT");
        assertThat(logged.get(0).script()).contains("Hello. This is Supplier vo", spaced(groups.get(0)));
        assertThat(log.forCode(other.supplierId, code).collectList().block()).isEmpty();

        // The step's call is the code's only call: asking again (a step taken twice) makes none.
        OutboundCalls.Placed again = outbound.queue(
                        t.supplierId,
                        t.customer1,
                        code,
                        null,
                        new uk.lifeline.backend.reach.contact.PhoneNumber("+447700900501"),
                        uk.lifeline.words.Language.ENGLISH,
                        clock.instant())
                .block();
        assertThat(again.outcome()).isEqualTo("no call: this code already had its call");
        assertThat(count("SELECT count(*) FROM voice_call WHERE code_id = '" + code + "'"))
                .isEqualTo(1);
        sends();
        assertThat(twilio.requests).hasSize(1);
    }

    @Test
    void aWelshCustomerHearsWelshInTheWelshVoice() {
        UUID code = toTheCall(t, t.meter2);
        sends();
        Document doc = parse(twilio.requests.get(0).one("Twiml"));
        List<String> said = said(doc);
        assertThat(said.get(0)).startsWith("Helo. Supplier vo sydd yma, yn galw am eich mesurydd trydan");
        assertThat(said).contains("Grŵp 1.", "Dyna'r cod i gyd.");
        assertThat(all(doc, "Say")).allSatisfy(s -> {
            assertThat(s.getAttribute("voice")).isEqualTo("Polly.Gwyneth");
            assertThat(s.getAttribute("language")).isEqualTo("cy-GB");
        });
        assertThat(all(doc, "Gather").get(0).getTextContent()).contains("I glywed y cod eto, pwyswch 1.");
        String sid = (String) call(code).get("call_sid");
        UUID id = callId(code);
        Document again = twiml(signed("/api/v1/voice/calls/" + id + "/keys", params(sid, "Digits", "1")));
        assertThat(said(again)).contains("Grŵp 1.");
        assertThat(all(again, "prosody"))
                .extracting(Node::getTextContent)
                .containsExactlyElementsOf(groups(digits(code)).stream()
                        .map(VoiceCallsTest::spaced)
                        .toList());
        Document thanks = twiml(signed("/api/v1/voice/calls/" + id + "/keys", params(sid, "Digits", "2")));
        assertThat(said(thanks)).containsExactly("Diolch. Rydym wedi nodi eich bod wedi teipio'r cod. Hwyl fawr.");
        Document agent = twiml(signed("/api/v1/voice/calls/" + id + "/keys", params(sid, "Digits", "0")));
        assertThat(said(agent))
                .containsExactly("Rydym yn eich trosglwyddo i rywun a all helpu. Arhoswch, os gwelwch yn dda.");
    }

    @Test
    void keyOneRepeatsKeyZeroDialsTheCallCentreOtherKeysRepeatTheMenu() {
        UUID code = toTheCall(t, t.meter1);
        sends();
        String sid = (String) call(code).get("call_sid");
        String keys = "/api/v1/voice/calls/" + callId(code) + "/keys";

        Document again = twiml(signed(keys, params(sid, "Digits", "1")));
        assertThat(all(again, "prosody"))
                .extracting(Node::getTextContent)
                .containsExactlyElementsOf(groups(digits(code)).stream()
                        .map(VoiceCallsTest::spaced)
                        .toList());
        assertThat(all(again, "Gather").get(0).getAttribute("action")).isEqualTo(BASE + keys);

        Document agent = twiml(signed(keys, params(sid, "Digits", "0")));
        assertThat(said(agent)).containsExactly("Putting you through to someone who can help. Please hold.");
        assertThat(all(agent, "Dial").get(0).getTextContent().strip()).isEqualTo("+443001230000");

        Document other = twiml(signed(keys, params(sid, "Digits", "7")));
        assertThat(said(other).get(0)).isEqualTo("Sorry, that key does nothing here.");
        assertThat(all(other, "Gather")).hasSize(1);
        assertThat(call(code).get("confirmed_at")).isNull();
        assertThat(db.sql("SELECT status FROM code WHERE id = :c")
                        .bind("c", code)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("ISSUED");
    }

    @Test
    void keyTwoRecordsTheCodeAsEnteredOnVoiceAndTheLadderStops() {
        UUID code = toTheCall(t, t.meter1);
        sends();
        String sid = (String) call(code).get("call_sid");
        Document thanks = twiml(signed("/api/v1/voice/calls/" + callId(code) + "/keys", params(sid, "Digits", "2")));
        assertThat(said(thanks)).containsExactly("Thank you. We have noted that you typed the code. Goodbye.");
        assertThat(all(thanks, "Hangup")).hasSize(1);
        assertThat(db.sql("SELECT status FROM code WHERE id = :c")
                        .bind("c", code)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("ENTERED");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%code.entered%' AND entry LIKE '%VOICE%'"
                        + " AND entry LIKE '%" + code + "%'"))
                .isEqualTo(1);
        assertThat(call(code).get("confirmed_at")).isNotNull();

        at(issuedAt(code).plus(Duration.ofHours(3)));
        ladder.step().block();
        assertThat(step(code, "CALL_CENTRE")).isEqualTo("STOPPED: the customer confirmed entry");
        assertThat(count("SELECT count(*) FROM reach_task WHERE code_id = '" + code + "'"))
                .isZero();
    }

    @Test
    void aCrashInTheMiddleOfTheVoiceStepLeavesNoCallAndTheRestartMakesExactlyOne() throws Exception {
        clock.reset();
        UUID code = issue(t, t.meter1);
        at(issuedAt(code).plus(Duration.ofMinutes(61)));
        // The ladder's test hook runs inside each step's transaction after the step is taken: the instance "stops"
        // in the VOICE step, after the call row was written.
        java.lang.reflect.Field hook = Ladder.class.getDeclaredField("afterEach");
        hook.setAccessible(true);
        Object none = hook.get(ladder);
        hook.set(ladder, (java.util.function.Consumer<Object>) d -> {
            if (d.toString().contains("step=VOICE")) {
                throw new IllegalStateException("the instance stopped");
            }
        });
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> ladder.step().block())
                    .hasMessageContaining("the instance stopped");
        } finally {
            hook.set(ladder, none);
        }
        assertThat(step(code, "TEXT")).startsWith("TAKEN");
        assertThat(step(code, "VOICE")).isEqualTo("WAITING: ");
        assertThat(count("SELECT count(*) FROM voice_call WHERE code_id = '" + code + "'"))
                .isZero();

        ladder.step().block();
        ladder.step().block();
        assertThat(step(code, "VOICE")).isEqualTo("TAKEN: calling ...501");
        assertThat(count("SELECT count(*) FROM voice_call WHERE code_id = '" + code + "'"))
                .isEqualTo(1);
        sends();
        sends();
        assertThat(twilio.requests).hasSize(1);
    }

    // ---- status callbacks

    @Test
    void statusCallbacksMoveTheCallOnAndNoAnswerPutsTheCustomerOnTheCallCentresListNow() {
        UUID code = toTheCall(t, t.meter1);
        sends();
        String sid = (String) call(code).get("call_sid");
        String status = "/api/v1/voice/calls/" + callId(code) + "/status";

        signed(status, params(sid, "CallStatus", "ringing")).expectStatus().isNoContent();
        assertThat(call(code).get("state")).isEqualTo("ringing");
        // A late "initiated" does not move it back.
        signed(status, params(sid, "CallStatus", "initiated")).expectStatus().isNoContent();
        assertThat(call(code).get("state")).isEqualTo("ringing");

        Instant before = clock.instant();
        signed(status, params(sid, "CallStatus", "no-answer")).expectStatus().isNoContent();
        assertThat(call(code).get("state")).isEqualTo("no-answer");
        Instant due = db.sql("SELECT due_at FROM reach_step WHERE code_id = :c AND step = 'CALL_CENTRE'")
                .bind("c", code)
                .map(r -> r.get(0, Instant.class))
                .one()
                .block();
        assertThat(due).isBeforeOrEqualTo(before.plusSeconds(1));
        // A replay of the same callback, or a later one, changes nothing.
        signed(status, params(sid, "CallStatus", "no-answer")).expectStatus().isNoContent();
        signed(status, params(sid, "CallStatus", "completed")).expectStatus().isNoContent();
        assertThat(call(code).get("state")).isEqualTo("no-answer");

        ladder.step().block();
        assertThat(step(code, "CALL_CENTRE")).isEqualTo("TAKEN: on the call centre's list");
        String detail = db.sql("SELECT detail FROM reach_task WHERE code_id = :c AND kind = 'UNREACHED'")
                .bind("c", code)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
        assertThat(detail).contains("voice: calling ...501");
        assertThat(log.forCustomer(t.supplierId, t.customer1, 10).collectList().block())
                .anySatisfy(c -> assertThat(c.state()).isEqualTo("no-answer"));
    }

    @Test
    void anAnsweredCallThatEndsLeavesTheCallCentreStepAtTheVoiceDeadline() {
        UUID code = toTheCall(t, t.meter1);
        sends();
        String sid = (String) call(code).get("call_sid");
        String status = "/api/v1/voice/calls/" + callId(code) + "/status";
        signed(status, params(sid, "CallStatus", "in-progress")).expectStatus().isNoContent();
        signed(status, params(sid, "CallStatus", "completed")).expectStatus().isNoContent();
        assertThat(call(code).get("state")).isEqualTo("completed");
        ladder.step().block();
        assertThat(step(code, "CALL_CENTRE")).isEqualTo("WAITING: ");
    }

    @Test
    void aCallbackWithAnotherCallsSidOrForAnUnknownCallChangesNothing() {
        UUID mine = toTheCall(t, t.meter1);
        UUID theirs = toTheCall(other, other.meter1);
        sends();
        String theirSid = (String) call(theirs).get("call_sid");
        signed("/api/v1/voice/calls/" + callId(mine) + "/status", params(theirSid, "CallStatus", "failed"))
                .expectStatus()
                .isNoContent();
        signed(
                        "/api/v1/voice/calls/" + UUID.randomUUID() + "/status",
                        params(LoopbackTwilio.newSid(), "CallStatus", "failed"))
                .expectStatus()
                .isNoContent();
        assertThat(call(mine).get("state")).isEqualTo("queued");
        assertThat(call(theirs).get("state")).isEqualTo("queued");
        Document nothing =
                twiml(signed("/api/v1/voice/calls/" + callId(mine) + "/keys", params(theirSid, "Digits", "2")));
        assertThat(said(nothing)).isEmpty();
        assertThat(all(nothing, "Hangup")).hasSize(1);
        assertThat(call(mine).get("confirmed_at")).isNull();
        assertThat(call(theirs).get("confirmed_at")).isNull();
    }

    // ---- signatures

    @Test
    void webhooksWithoutAValidSignatureAreRefusedAsProblems() {
        UUID code = toTheCall(t, t.meter1);
        sends();
        String sid = (String) call(code).get("call_sid");
        String status = "/api/v1/voice/calls/" + callId(code) + "/status";
        Map<String, String> p = params(sid, "CallStatus", "failed");

        ProblemAssert.problem(webhook(status, p, null), 403, "webhook-signature-invalid")
                .jsonPath("$.detail")
                .isEqualTo("the X-Twilio-Signature header is missing");
        ProblemAssert.problem(
                webhook(status, p, TwilioSigner.sign("another-token", BASE + status, p)),
                403,
                "webhook-signature-invalid");
        // Signed for another call's address, replayed to this one.
        String elsewhere = "/api/v1/voice/calls/" + UUID.randomUUID() + "/status";
        ProblemAssert.problem(
                webhook(status, p, TwilioSigner.sign(TOKEN, BASE + elsewhere, p)), 403, "webhook-signature-invalid");
        // Signed for another host.
        ProblemAssert.problem(
                webhook(status, p, TwilioSigner.sign(TOKEN, "https://evil.test" + status, p)),
                403,
                "webhook-signature-invalid");
        // A parameter changed after signing.
        Map<String, String> changed = new LinkedHashMap<>(p);
        changed.put("CallStatus", "busy");
        ProblemAssert.problem(
                webhook(status, changed, TwilioSigner.sign(TOKEN, BASE + status, p)), 403, "webhook-signature-invalid");
        // Another Twilio account's request, correctly signed with our token, is still not ours.
        Map<String, String> foreign = new LinkedHashMap<>(p);
        foreign.put("AccountSid", "AC" + "f".repeat(32));
        ProblemAssert.problem(signed(status, foreign), 403, "webhook-signature-invalid");
        // Not a form at all.
        ProblemAssert.problem(
                http.post()
                        .uri(status)
                        .header("X-Twilio-Signature", "x")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"CallStatus\":\"failed\"}")
                        .exchange(),
                403,
                "webhook-signature-invalid");
        ProblemAssert.problem(
                webhook("/api/v1/voice/inbound", Map.of("From", "+447700900501"), "bad"),
                403,
                "webhook-signature-invalid");
        assertThat(call(code).get("state")).isEqualTo("queued");
    }

    @Test
    void controlCharactersAndHugeValuesInSignedWebhooksChangeNothing() {
        UUID code = toTheCall(t, t.meter1);
        sends();
        String sid = (String) call(code).get("call_sid");
        String keys = "/api/v1/voice/calls/" + callId(code) + "/keys";
        String status = "/api/v1/voice/calls/" + callId(code) + "/status";
        Document nul = twiml(signed(keys, params(sid, "Digits", "2\u0000")));
        assertThat(said(nul).get(0)).isEqualTo("Sorry, that key does nothing here.");
        Document huge = twiml(signed(keys, params(sid, "Digits", "2".repeat(50_000))));
        assertThat(said(huge).get(0)).isEqualTo("Sorry, that key does nothing here.");
        signed(status, params(sid, "CallStatus", "failed\r\nX: y"))
                .expectStatus()
                .isNoContent();
        signed(status, params(sid + "\u0007", "CallStatus", "failed"))
                .expectStatus()
                .isNoContent();
        signed(status, params(sid, "CallStatus", "x".repeat(50_000)))
                .expectStatus()
                .isNoContent();
        assertThat(call(code).get("state")).isEqualTo("queued");
        assertThat(call(code).get("confirmed_at")).isNull();
        Document stranger =
                twiml(signed("/api/v1/voice/inbound", params(LoopbackTwilio.newSid(), "From", "+44770090\u00000501")));
        assertThat(said(stranger).get(0)).startsWith("Sorry, we do not know the number you are calling from.");
    }

    // ---- Twilio's answers

    @Test
    void tooManyRequestsIsRetriedWithBackoffAndARefusalFailsTheCallAndCallsTheCallCentreNow() {
        UUID code = toTheCall(t, t.meter1);
        twilio.answers.add(new LoopbackTwilio.Answer(
                429, "{\"code\": 20429, \"message\": \"Too Many Requests\"," + " \"status\": 429}"));
        sends();
        assertThat(call(code).get("state")).isEqualTo("pending");
        assertThat((String) call(code).get("last_error")).startsWith("Twilio 429");
        sends();
        assertThat(twilio.requests).hasSize(1);
        at(clock.instant().plusSeconds(11));
        sends();
        assertThat(twilio.requests).hasSize(2);
        assertThat(call(code).get("state")).isEqualTo("queued");

        UUID refused = toTheCall(t, t.meter2);
        twilio.answers.add(new LoopbackTwilio.Answer(
                400, "{\"code\": 21211, \"message\": \"Invalid 'To' Phone" + " Number\", \"status\": 400}"));
        sends();
        assertThat(call(refused).get("state")).isEqualTo("failed");
        ladder.step().block();
        assertThat(step(refused, "CALL_CENTRE")).isEqualTo("TAKEN: on the call centre's list");
    }

    @Test
    void aServerErrorLeavesTheCallInDoubtAndItIsNeverAskedForAgain() {
        UUID code = toTheCall(t, t.meter1);
        twilio.answers.add(new LoopbackTwilio.Answer(
                500, "{\"code\": 20500, \"message\": \"Internal Server Error\"," + " \"status\": 500}"));
        sends();
        assertThat(twilio.requests).hasSize(1);
        assertThat(call(code).get("state")).isEqualTo("in-doubt");
        at(clock.instant().plus(Duration.ofHours(1)));
        sends();
        assertThat(twilio.requests).hasSize(1);
        // If Twilio did make the call, its callbacks settle the row.
        String sid = LoopbackTwilio.newSid();
        signed("/api/v1/voice/calls/" + callId(code) + "/status", params(sid, "CallStatus", "ringing"))
                .expectStatus()
                .isNoContent();
        assertThat(call(code).get("state")).isEqualTo("ringing");
        assertThat(call(code).get("call_sid")).isEqualTo(sid);
    }

    // ---- the inbound line

    private WebTestClient.ResponseSpec pin(String token, String path, Map<String, String> body) {
        return http.put()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Document keyPin(String from, String sid, String keyed) {
        return twiml(
                signed("/api/v1/voice/inbound/pin", params(sid, "From", from, "To", "+441632960900", "Digits", keyed)));
    }

    @Test
    void aKnownCallerWithTheRightPinHearsTheirWaitingCodesOneByOne() {
        clock.reset();
        UUID older = issue(t, t.meter1);
        UUID newer = issue(t, t.gas1);
        pin(t.token("customer1"), "/api/v1/me/voice-pin", Map.of("pin", "2580"))
                .expectStatus()
                .isNoContent();
        assertThat(count("SELECT count(*) FROM voice_pin WHERE customer_account_id = '" + t.customer1
                        + "' AND set_by = 'CUSTOMER' AND length(hash) = 32 AND length(salt) = 16"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%voice-pin.set%' AND entry LIKE '%2580%'"))
                .isZero();

        String sid = LoopbackTwilio.newSid();
        Document hello =
                twiml(signed("/api/v1/voice/inbound", params(sid, "From", "+447700900501", "To", "+441632960900")));
        assertThat(said(hello))
                .containsExactly(
                        "Hello. This is the Lifeline meter code line. Please key your PIN, then press the hash key.",
                        "We did not hear a key. Goodbye.");
        Element gather = all(hello, "Gather").get(0);
        assertThat(gather.getAttribute("action")).isEqualTo(BASE + "/api/v1/voice/inbound/pin");
        assertThat(gather.getAttribute("finishOnKey")).isEqualTo("#");

        Document codes = keyPin("+447700900501", sid, "2580");
        List<String> said = said(codes);
        // A caller hears at most ten codes (CodeDesk.waiting), newest first.
        long waiting = Math.min(
                10,
                count("SELECT count(*) FROM code WHERE customer_account_id = '" + t.customer1
                        + "' AND status IN ('ISSUED', 'DELIVERED') AND expires_at > now()"));
        assertThat(said.get(0)).isEqualTo("You have " + waiting + " codes waiting.");
        assertThat(said.get(1)).isEqualTo("Code 1 of " + waiting + ".");
        assertThat(said.get(2)).contains("your gas meter");
        assertThat(all(codes, "prosody"))
                .extracting(Node::getTextContent)
                .containsExactlyElementsOf(groups(digits(newer)).stream()
                        .map(VoiceCallsTest::spaced)
                        .toList());
        UUID inbound = db.sql("SELECT id FROM voice_call WHERE call_sid = :sid AND direction = 'IN'")
                .bind("sid", sid)
                .map(r -> r.get(0, UUID.class))
                .one()
                .block();
        String keys = "/api/v1/voice/calls/" + inbound + "/keys";
        assertThat(all(codes, "Gather").get(0).getAttribute("action")).isEqualTo(BASE + keys);

        // 1 repeats the newest; 2 records it and goes on to the next.
        Document again = twiml(signed(keys, params(sid, "Digits", "1")));
        assertThat(said(again).get(0)).isEqualTo("Code 1 of " + waiting + ".");
        Document next = twiml(signed(keys, params(sid, "Digits", "2")));
        assertThat(said(next).get(0)).isEqualTo("Thank you. Here is your next code.");
        assertThat(said(next).get(1)).isEqualTo("Code 2 of " + waiting + ".");
        assertThat(db.sql("SELECT status FROM code WHERE id = :c")
                        .bind("c", newer)
                        .map(r -> r.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("ENTERED");
        assertThat(log.forCode(t.supplierId, newer).collectList().block())
                .anySatisfy(c -> assertThat(c.direction()).isEqualTo("IN"));

        // The number's status callback ends the recorded call; another CallSid changes nothing.
        signed("/api/v1/voice/inbound/status", params(sid, "CallStatus", "completed"))
                .expectStatus()
                .isNoContent();
        signed("/api/v1/voice/inbound/status", params(LoopbackTwilio.newSid(), "CallStatus", "failed"))
                .expectStatus()
                .isNoContent();
        signed("/api/v1/voice/inbound/status", params(sid, "CallStatus", "in-progress"))
                .expectStatus()
                .isNoContent();
        assertThat(log.forCode(t.supplierId, newer).collectList().block())
                .anySatisfy(c -> assertThat(c.state()).isEqualTo("completed"));
        assertThat(older).isNotNull();
    }

    @Test
    void wrongPinsAreCountedAndTheFifthLocksThePinUntilItIsSetAgain() {
        clock.reset();
        issue(t, t.meter2);
        pin(
                        t.token("agent"),
                        "/api/v1/customers/" + t.customer2 + "/voice-pin",
                        Map.of("pin", "7391", "reason", "set with the customer on the phone"))
                .expectStatus()
                .isNoContent();
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%voice-pin.set%' AND entry LIKE '%"
                        + t.customer2 + "%' AND entry LIKE '%AGENT%'"))
                .isEqualTo(1);
        String sid = LoopbackTwilio.newSid();
        Document hello = twiml(signed("/api/v1/voice/inbound", params(sid, "From", "+447700900502")));
        assertThat(said(hello).get(0)).startsWith("Helo. Dyma linell codau mesurydd Lifeline.");
        assertThat(all(hello, "Say").get(0).getAttribute("voice")).isEqualTo("Polly.Gwyneth");

        for (int i = 1; i <= 4; i++) {
            Document wrong = keyPin("+447700900502", sid, i == 2 ? "12" : "0000");
            assertThat(said(wrong).get(0)).startsWith("Mae'n ddrwg gennym, nid yw'r PIN hwnnw'n gywir.");
        }
        Document locked = keyPin("+447700900502", sid, "1111");
        assertThat(said(locked))
                .containsExactly("Mae eich PIN wedi'i gloi ar ôl gormod o gynigion anghywir. Dewiswch"
                        + " PIN newydd yn ap Lifeline, neu gofynnwch i'ch cyflenwr ynni osod un. Hwyl fawr.");
        // Locked: even the right PIN is refused, until it is set again.
        assertThat(said(keyPin("+447700900502", sid, "7391")).get(0)).startsWith("Mae eich PIN wedi'i gloi");
        assertThat(count("SELECT count(*) FROM voice_call WHERE call_sid = '" + sid + "'"))
                .isZero();
        pin(t.token("customer2"), "/api/v1/me/voice-pin", Map.of("pin", "7391"))
                .expectStatus()
                .isNoContent();
        assertThat(said(keyPin("+447700900502", sid, "7391")).get(0)).startsWith("Mae gennych");
    }

    @Test
    void unknownNumbersAndCustomersWithoutAPinHearWhyAndNothingIsRead() {
        Document stranger =
                twiml(signed("/api/v1/voice/inbound", params(LoopbackTwilio.newSid(), "From", "+447700900999")));
        assertThat(said(stranger)).hasSize(2);
        assertThat(said(stranger).get(0)).startsWith("Sorry, we do not know the number");
        assertThat(said(stranger).get(1)).startsWith("Mae'n ddrwg gennym, nid ydym yn adnabod");
        assertThat(all(stranger, "Say").get(1).getAttribute("voice")).isEqualTo("Polly.Gwyneth");
        Document anonymous = twiml(signed(
                "/api/v1/voice/inbound/pin", params(LoopbackTwilio.newSid(), "From", "anonymous", "Digits", "2580")));
        assertThat(said(anonymous).get(0)).startsWith("Sorry, we do not know the number");
        Document noPin = keyPin("+447700900601", LoopbackTwilio.newSid(), "2580");
        assertThat(said(noPin))
                .containsExactly("You have not chosen a PIN yet. You can choose one in the Lifeline app,"
                        + " or ask your energy supplier. Goodbye.");
    }

    @Test
    void pinsAreCheckedAndOnlyTheSuppliersOwnAgentsMaySetOne() {
        for (String bad : new String[] {"123", "1234567", "12a4", "1111", "1234", "9876", ""}) {
            ProblemAssert.problem(
                            pin(t.token("customer1"), "/api/v1/me/voice-pin", Map.of("pin", bad)), 400, "validation")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("pin");
        }
        ProblemAssert.problem(
                pin(t.token("agent"), "/api/v1/customers/" + t.customer1 + "/voice-pin", Map.of("pin", "2580")),
                400,
                "validation");
        ProblemAssert.problem(
                pin(
                        other.token("agent"),
                        "/api/v1/customers/" + t.customer1 + "/voice-pin",
                        Map.of("pin", "2580", "reason", "x")),
                404,
                "not-found");
        ProblemAssert.problem(
                pin(
                        t.token("ops"),
                        "/api/v1/customers/" + t.customer1 + "/voice-pin",
                        Map.of("pin", "2580", "reason", "x")),
                403,
                "forbidden");
        ProblemAssert.problem(pin(t.token("agent"), "/api/v1/me/voice-pin", Map.of("pin", "2580")), 403, "forbidden");
        ProblemAssert.problem(
                http.put()
                        .uri("/api/v1/me/voice-pin")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("pin", "2580"))
                        .exchange(),
                401,
                "unauthorized");
    }

    @Test
    void oneNumberSharedByCustomersOfTwoSuppliersHearsOnlyTheCodesOfThePinKeyed() {
        clock.reset();
        Map<String, Object> b = new HashMap<>();
        b.put("landline", "0113 496 0777");
        b.put("language", "en");
        b.put("channels", List.of("APP"));
        b.put("needs", List.of());
        b.put("version", 0);
        b.put("reason", "test");
        http.put()
                .uri("/api/v1/customers/" + other.customer2 + "/contact")
                .headers(h -> h.setBearerAuth(other.token("agent")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(b)
                .exchange()
                .expectStatus()
                .isOk();
        UUID theirCode = issue(other, other.meter2);
        pin(other.token("customer2"), "/api/v1/me/voice-pin", Map.of("pin", "1357"))
                .expectStatus()
                .isNoContent();
        pin(t.token("customer1"), "/api/v1/me/voice-pin", Map.of("pin", "2580"))
                .expectStatus()
                .isNoContent();
        // Carol's contact gets the same landline as the other supplier's customer.
        Map<String, Object> carol = new HashMap<>();
        carol.put("mobile", "07700 900501");
        carol.put("landline", "0113 496 0777");
        carol.put("language", "en");
        carol.put("channels", List.of("APP", "VOICE"));
        carol.put("needs", List.of());
        carol.put(
                "version",
                db.sql("SELECT version FROM reach_contact WHERE customer_account_id = :c")
                        .bind("c", t.customer1)
                        .map(r -> r.get(0, Integer.class))
                        .one()
                        .block());
        carol.put("reason", "test");
        http.put()
                .uri("/api/v1/customers/" + t.customer1 + "/contact")
                .headers(h -> h.setBearerAuth(t.token("agent")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(carol)
                .exchange()
                .expectStatus()
                .isOk();

        String sid = LoopbackTwilio.newSid();
        keyPin("+441134960777", sid, "1357");
        UUID call = db.sql("SELECT id FROM voice_call WHERE call_sid = :sid")
                .bind("sid", sid)
                .map(r -> r.get(0, UUID.class))
                .one()
                .block();
        assertThat(log.forCustomer(other.supplierId, other.customer2, 10)
                        .collectList()
                        .block())
                .anySatisfy(c -> assertThat(c.id()).isEqualTo(call));
        assertThat(log.forCustomer(t.supplierId, t.customer1, 100).collectList().block())
                .noneSatisfy(c -> assertThat(c.id()).isEqualTo(call));
        assertThat(log.forCode(other.supplierId, theirCode).collectList().block())
                .anySatisfy(c -> assertThat(c.id()).isEqualTo(call));
        String sid2 = LoopbackTwilio.newSid();
        keyPin("+441134960777", sid2, "2580");
        assertThat(db.sql("SELECT supplier_id FROM voice_call WHERE call_sid = :sid")
                        .bind("sid", sid2)
                        .map(r -> r.get(0, UUID.class))
                        .one()
                        .block())
                .isEqualTo(t.supplierId);
    }
}
