package uk.lifeline.backend.reach.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.backend.reach.contact.PhoneNumber;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.words.Language;

/**
 * Texts through the real jSMPP client to a real jSMPP server session on loopback: bind, submit, receipts,
 * throttling and queue-full answers, a link dropped mid-batch, Welsh in UCS-2, and customers' replies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.sms.demo-smsc=true",
            "lifeline.sms.demo-port=27751",
            "lifeline.sms.system-id=lifeline",
            "lifeline.sms.password=secret",
            "lifeline.sms.poll-interval=50ms",
            "lifeline.sms.first-retry=100ms",
            "lifeline.sms.longest-retry=400ms",
            "lifeline.sms.reconnect-first=100ms",
            "lifeline.sms.reconnect-longest=500ms",
            "lifeline.sms.window=4",
            "lifeline.sms.rate-per-second=400",
            "lifeline.sms.transaction-timer=2s",
            "lifeline.sms.enquire-link=1s",
            "lifeline.sms.in-doubt-resend=5s",
            "lifeline.activation.support-phones.default=0800 111 2222"
        })
class SmppTextsTest extends BackendTest {

    @Autowired
    SmsConfig.Texts texts;

    @Autowired
    SmsMessages messages;

    @Autowired
    CodeDesk codes;

    private LoopbackSmsc smsc;
    private Tenant t;

    @BeforeAll
    void setUp() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        smsc = texts.demo();
        t = tenant("sm");
    }

    @AfterEach
    void answerNormally() {
        smsc.answer(r -> new LoopbackSmsc.Answer.Take());
        smsc.receipts(r -> DeliveryReceiptState.DELIVRD);
    }

    private static void await(BooleanSupplier condition) {
        Eventually.until(condition, Duration.ofSeconds(30));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private long queue(String to, String body) {
        return messages.queue(
                        new SmsMessages.Queued(
                                t.supplierId,
                                t.customer1,
                                PhoneNumber.parse(to).orElseThrow(),
                                "test",
                                null,
                                null,
                                SmsBody.onePart(body).orElseThrow(),
                                now().plus(Duration.ofHours(1))),
                        now())
                .block();
    }

    private String state(long id) {
        return db.sql("SELECT state FROM sms_message WHERE id = :id")
                .bind("id", id)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
    }

    private List<LoopbackSmsc.Received> receivedWith(String marker) {
        return smsc.received().stream().filter(r -> r.text().contains(marker)).toList();
    }

    @Test
    void aTextIsSubmittedOverATransceiverBindAndItsReceiptMarksItDelivered() {
        long id = queue("07700 900001", "plain one");
        await(() -> "DELIVERED".equals(state(id)));
        LoopbackSmsc.Received r = receivedWith("plain one").get(0);
        assertThat(r.to()).isEqualTo("+447700900001");
        assertThat(r.from()).isEqualTo("Lifeline");
        assertThat(r.ucs2()).isFalse();
        assertThat(smsc.binds()).isPositive();
        assertThat(db.sql("SELECT smsc_id FROM sms_message WHERE id = :id")
                        .bind("id", id)
                        .map(x -> x.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo(r.smscId());
    }

    @Test
    void anUndeliveredReceiptMarksTheTextFailed() {
        smsc.receipts(r -> DeliveryReceiptState.UNDELIV);
        long id = queue("07700 900002", "never arrives");
        await(() -> "FAILED".equals(state(id)));
        assertThat(db.sql("SELECT last_error FROM sms_message WHERE id = :id")
                        .bind("id", id)
                        .map(x -> x.get(0, String.class))
                        .one()
                        .block())
                .contains("UNDELIV");
    }

    @Test
    void throttledAndQueueFullAnswersAreRetriedWithBackoffUntilTaken() {
        AtomicInteger tries = new AtomicInteger();
        smsc.answer(r -> {
            if (!r.text().contains("busy operator")) {
                return new LoopbackSmsc.Answer.Take();
            }
            int n = tries.incrementAndGet();
            return n == 1
                    ? new LoopbackSmsc.Answer.Refuse(SMPPConstant.STAT_ESME_RTHROTTLED)
                    : n == 2
                            ? new LoopbackSmsc.Answer.Refuse(SMPPConstant.STAT_ESME_RMSGQFUL)
                            : new LoopbackSmsc.Answer.Take();
        });
        long id = queue("07700 900003", "busy operator");
        await(() -> "DELIVERED".equals(state(id)));
        assertThat(tries.get()).isEqualTo(3);
        assertThat(receivedWith("busy operator")).hasSize(1);
        assertThat(db.sql("SELECT attempts FROM sms_message WHERE id = :id")
                        .bind("id", id)
                        .map(x -> x.get(0, Integer.class))
                        .one()
                        .block())
                .isEqualTo(3);
    }

    @Test
    void anInvalidDestinationIsRefusedForGood() {
        smsc.answer(r -> r.text().contains("bad number")
                ? new LoopbackSmsc.Answer.Refuse(SMPPConstant.STAT_ESME_RINVDSTADR)
                : new LoopbackSmsc.Answer.Take());
        long id = queue("07700 900004", "bad number");
        await(() -> "FAILED".equals(state(id)));
        assertThat(db.sql("SELECT last_error FROM sms_message WHERE id = :id")
                        .bind("id", id)
                        .map(x -> x.get(0, String.class))
                        .one()
                        .block())
                .isEqualTo("ESME_RINVDSTADR");
    }

    @Test
    void aLinkDroppedMidBatchLosesNothingAndSendsNothingTwice() {
        long bindsBefore = smsc.binds();
        AtomicInteger seen = new AtomicInteger();
        smsc.answer(r -> r.text().startsWith("batch ") && seen.incrementAndGet() == 15
                ? new LoopbackSmsc.Answer.DropLink()
                : new LoopbackSmsc.Answer.Take());
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(queue("07700 9001" + String.format("%02d", i), "batch " + i));
        }
        await(() -> ids.stream().allMatch(id -> "DELIVERED".equals(state(id))));
        for (int i = 0; i < 40; i++) {
            String marker = "batch " + i;
            assertThat(smsc.received().stream()
                            .filter(r -> r.text().equals(marker))
                            .count())
                    .as(marker)
                    .isEqualTo(1);
        }
        assertThat(smsc.binds()).isGreaterThan(bindsBefore);
    }

    @Test
    void aWelshCodeTextGoesAsUcs2WhereItNeedsItAndArrivesIntact() {
        String code = issueTopUp();
        db.sql("UPDATE supplier SET name = 'Ynni Gŵyr' WHERE id = :s")
                .bind("s", t.supplierId)
                .fetch()
                .rowsUpdated()
                .block();
        CodeFacts facts = codes.code(t.supplierId, UUID.fromString(code)).block();
        List<SmsBody> bodies = uk.lifeline.backend.reach.sms.SmsText.forCode(facts, Language.WELSH);
        for (SmsBody b : bodies) {
            messages.queue(
                            new SmsMessages.Queued(
                                    t.supplierId,
                                    t.customer1,
                                    PhoneNumber.parse("07700900555").orElseThrow(),
                                    "code",
                                    facts.codeId(),
                                    null,
                                    b,
                                    facts.expiresAt()),
                            now())
                    .block();
        }
        await(() -> smsc.received().stream()
                        .filter(r -> r.to().equals("+447700900555"))
                        .count()
                == bodies.size());
        List<LoopbackSmsc.Received> got = smsc.received().stream()
                .filter(r -> r.to().equals("+447700900555"))
                .toList();
        LoopbackSmsc.Received first = got.stream()
                .filter(r -> r.text().startsWith("Ynni"))
                .findFirst()
                .orElseThrow();
        assertThat(first.ucs2()).isTrue();
        assertThat(first.text())
                .startsWith("Ynni Gŵyr: Cod i'ch mesurydd trydan ..")
                .contains(CodeFacts.grouped(facts.blocks().get(0)));
        assertThat(String.join(
                        " ", got.stream().map(LoopbackSmsc.Received::text).toList()))
                .contains("0800 111 2222", "ETO", "CYMORTH")
                .doesNotContain("http");
        db.sql("UPDATE supplier SET name = 'Supplier sm' WHERE id = :s")
                .bind("s", t.supplierId)
                .fetch()
                .rowsUpdated()
                .block();
    }

    private String issueTopUp() {
        return (String) issue(t.token("agent"), t.meter1, "top-up", Map.of("amount", "10.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    private void registerMobile(UUID customer, String mobile, String language) {
        Map<String, Object> b = new HashMap<>();
        b.put("mobile", mobile);
        b.put("language", language);
        b.put("channels", List.of("APP", "SMS"));
        b.put("needs", List.of());
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

    private String codeStatus(String id) {
        return db.sql("SELECT status FROM code WHERE id = :id")
                .bind("id", UUID.fromString(id))
                .map(r -> r.get(0, String.class))
                .one()
                .block();
    }

    @Test
    void repliesFromTheRegisteredMobileResendMarkEnteredAskForACallAndStopTexts() throws Exception {
        registerMobile(t.customer2, "07700 900777", "cy");
        String code = (String) issue(t.token("agent"), t.meter2, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String to = "+447700900777";

        smsc.sendText(to, "eto");
        await(() -> smsc.received().stream()
                .anyMatch(r -> r.to().equals(to) && r.text().contains("mesurydd")));

        smsc.sendText(to, "What?");
        await(() -> smsc.received().stream()
                .anyMatch(r -> r.to().equals(to) && r.text().contains("Heb ddeall")));

        smsc.sendText(to, "DONE");
        await(() -> "ENTERED".equals(codeStatus(code)));
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%code.entered%' AND entry LIKE '%" + code
                        + "%' AND entry LIKE '%SMS%'"))
                .isEqualTo(1);

        smsc.sendText(to, "Cymorth");
        await(() -> count("SELECT count(*) FROM reach_task WHERE kind = 'CALL_BACK' AND customer_account_id = '"
                        + t.customer2 + "'")
                == 1);

        smsc.sendText(to, "STOP");
        await(() -> count("SELECT count(*) FROM reach_contact WHERE customer_account_id = '" + t.customer2
                        + "' AND sms_stopped_at IS NOT NULL AND NOT ('SMS' = ANY (channels))")
                == 1);
        assertThat(count("SELECT count(*) FROM sms_message WHERE direction = 'IN' AND customer_account_id = '"
                        + t.customer2 + "'"))
                .isEqualTo(5);
    }

    @Test
    void aTextFromAnUnknownNumberChangesNothing() throws Exception {
        long tasks = count("SELECT count(*) FROM reach_task");
        smsc.sendText("+447700900999", "DONE");
        smsc.sendText("+447700900999", "HELP");
        Thread.sleep(500);
        assertThat(count("SELECT count(*) FROM sms_message WHERE phone = '+447700900999'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM reach_task")).isEqualTo(tasks);
    }
}
