package uk.lifeline.backend.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.delivery.FakeFcm;
import uk.lifeline.backend.delivery.FakeFcmConfig;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Fleet;
import uk.lifeline.backend.testing.SignedEnvelope;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.code.Pem;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.SetNonDisconnectPeriod;
import uk.lifeline.meter.EntryResult;

/**
 * Extreme-weather notices and price changes end to end on a real PostgreSQL: the campaign codes every no-WAN
 * meter in the area once, hands WAN meters to the DCC, signs the notice for every affected customer, pushes to
 * every registered phone through the real firebase-admin client (captured), and lists the rest; pull endpoints;
 * bad notices; other suppliers; cancelling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(FakeFcmConfig.class)
@TestPropertySource(
        properties = {
            "lifeline.campaigns.page-size=16",
            "lifeline.push.poll-interval=200ms",
            "lifeline.campaigns.poll-interval=200ms",
            "lifeline.campaigns.prime-rest=1s"
        })
class NoticeCampaignTest extends BackendTest {

    @Autowired
    FakeFcm fcm;

    @Autowired
    CampaignRunner runner;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private Tenant t;
    private Tenant other;

    @BeforeAll
    void seed() {
        // Sign-ins hash passwords: slow on a busy machine.
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("wx");
        other = tenant("wy");
        String key =
                Pem.encode(uk.lifeline.backend.demo.DemoMeterKeys.generate().getPublic());
        Fleet.seed(db, t.supplierId, "AB10 1AA", 40, "NO_WAN", 20, "ok-ab10-", key);
        Fleet.seed(db, t.supplierId, "AB10 7ZZ", 3, "COMMISSIONED_WAN", 3, "ok-wan-", key);
        Fleet.seed(db, t.supplierId, "AB11 5QQ", 10, "NO_WAN", 10, "ok-ab11-", key);
        Fleet.seed(db, other.supplierId, "AB10 2BB", 10, "NO_WAN", 0, "ok-other-", key);
        post(t.token("customer1"), "/api/v1/me/devices", Map.of("token", "ok-carol", "platform", "android"))
                .expectStatus()
                .isCreated();
    }

    static Map<String, Object> notice(List<String> districts, Instant start, Instant end) {
        return Map.of(
                "title",
                "Severe cold weather",
                "message",
                "Your supply will stay on during the cold snap.",
                "reason",
                "Met Office red warning",
                "area",
                Map.of("districts", districts),
                "startsAt",
                start.toString(),
                "endsAt",
                end.toString());
    }

    CampaignView awaitDone(String token, UUID id) {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            CampaignView view = get(token, "/api/v1/campaigns/" + id)
                    .expectStatus()
                    .isOk()
                    .expectBody(CampaignView.class)
                    .returnResult()
                    .getResponseBody();
            if (!"RUNNING".equals(view.status()) || System.nanoTime() > until) {
                return view;
            }
            sleep(100);
        }
    }

    void awaitPushed() {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT count(*) FROM push_delivery WHERE state IN ('PENDING', 'SENDING')") > 0
                && System.nanoTime() < until) {
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNoticeCodesEveryNoWanMeterOncePushesEveryPhoneAndListsTheRest() throws Exception {
        String ops = t.token("ops");
        Instant hour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        Instant start = hour.plusSeconds(7 * 60);
        Instant end = hour.plus(Duration.ofDays(3)).plusSeconds(8 * 60);
        fcm.clear();

        CampaignView started = post(ops, "/api/v1/notices", notice(List.of("AB10", "ls6"), start, end))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches("Location", "/api/v1/campaigns/[0-9a-f-]{36}")
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody();
        assertThat(started.total()).isEqualTo(45);
        assertThat(started.command()).isEqualTo("set-non-disconnect-period");

        CampaignView done = awaitDone(ops, started.id());
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.coded()).isEqualTo(42);
        assertThat(done.toDcc()).isEqualTo(3);
        assertThat(done.failed()).isZero();
        assertThat(done.noPhone()).isEqualTo(20);
        String campaign = "'" + started.id() + "'";
        assertThat(count("SELECT count(*) FROM code c JOIN campaign_target x ON x.code_id = c.id"
                        + " WHERE x.campaign_id = " + campaign))
                .isEqualTo(42);
        assertThat(count("SELECT count(DISTINCT device_id) FROM code WHERE reason LIKE 'campaign " + started.id()
                        + "%'"))
                .isEqualTo(42);
        assertThat(count("SELECT count(*) FROM code c JOIN premises p ON p.customer_account_id = c.customer_account_id"
                        + " WHERE p.postcode LIKE 'AB11%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM code WHERE supplier_id = '" + other.supplierId + "' AND reason LIKE"
                        + " 'campaign " + started.id() + "%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM customer_notice WHERE notice_id = '" + done.noticeId() + "'"))
                .isEqualTo(44);

        awaitPushed();
        List<JsonNode> sent =
                fcm.requests().stream().map(r -> read(r.body()).path("message")).toList();
        // 22 codes for meters whose customer has a phone, 24 phones told of the notice: a phone's notice carries one
        // of its codes (codeId, codeEnvelope, codeStatus) when the dispatcher claims the two together, as here.
        List<JsonNode> codeMessages = sent.stream()
                .filter(m -> m.path("data").path("type").asText().equals("code"))
                .toList();
        List<JsonNode> noticeMessages = sent.stream()
                .filter(m -> m.path("data").path("type").asText().equals("notice"))
                .toList();
        assertThat(noticeMessages).hasSize(24);
        List<JsonNode> carrying = noticeMessages.stream()
                .filter(m -> m.path("data").has("codeEnvelope"))
                .toList();
        assertThat(carrying).isNotEmpty().allSatisfy(m -> {
            assertThat(m.path("data").path("codeStatus").asText()).isEqualTo("ISSUED");
            assertThat(SignedEnvelope.parse(m.path("data").path("codeEnvelope").asText())
                            .claims()
                            .getJWTID())
                    .isEqualTo(m.path("data").path("codeId").asText());
        });
        assertThat(java.util.stream.Stream.concat(
                        codeMessages.stream()
                                .map(m -> m.path("token").asText() + " "
                                        + m.path("data").path("id").asText()),
                        carrying.stream()
                                .map(m -> m.path("token").asText() + " "
                                        + m.path("data").path("codeId").asText())))
                .hasSize(22)
                .doesNotHaveDuplicates();
        assertThat(count("SELECT count(*) FROM push_delivery p JOIN outbox_message m ON m.id = p.message_id"
                        + " WHERE m.campaign_id = '" + started.id() + "' AND p.state = 'SENT'"))
                .isEqualTo(46);
        assertThat(sent)
                .extracting(m -> m.path("token").asText())
                .doesNotContain("ok-ab11-1")
                .contains("ok-carol", "ok-wan-1", "ok-ab10-20")
                .doesNotContain("ok-ab10-21");
        JsonNode noticeMessage = sent.stream()
                .filter(m -> m.path("token").asText().equals("ok-carol")
                        && m.path("data").path("type").asText().equals("notice"))
                .findFirst()
                .orElseThrow();
        assertThat(noticeMessage.path("android").path("priority").asText()).isEqualTo("high");
        assertThat(noticeMessage.path("notification").path("title").asText()).isEqualTo("Severe cold weather");
        assertThat(noticeMessage.path("data").path("id").asText())
                .isEqualTo(done.noticeId().toString());
        CampaignView after = awaitDone(ops, started.id());
        assertThat(after.pushed()).isEqualTo(22);
        JsonNode noticeDeliveries = read(get(ops, "/api/v1/notices/" + done.noticeId() + "/deliveries")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(noticeDeliveries.path("messages").asLong()).isEqualTo(44);
        assertThat(noticeDeliveries.path("items"))
                .hasSize(24)
                .allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("SENT"));
        get(other.token("ops"), "/api/v1/notices/" + done.noticeId() + "/deliveries")
                .expectStatus()
                .isNotFound();

        String carol = t.token("customer1");
        JsonNode mine = read(get(carol, "/api/v1/me/notices")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(mine.path("items")).hasSize(1);
        SignedEnvelope envelope =
                SignedEnvelope.parse(mine.path("items").get(0).path("envelope").asText());
        assertThat(envelope.type()).isEqualTo("lifeline-notice+jwt");
        assertThat(envelope.verify(JWKSet.parse(get(null, "/.well-known/jwks.json")
                                .expectBody(String.class)
                                .returnResult()
                                .getResponseBody())
                        .getKeyByKeyId(envelope.keyId())
                        .toECKey()))
                .isTrue();
        assertThat(envelope.claims().getStringClaim("customer")).isEqualTo(t.customer1.toString());
        assertThat(envelope.claims().getStringClaim("kind")).isEqualTo("non-disconnect");
        assertThat(envelope.claims().getDateClaim("until").toInstant()).isEqualTo(end);
        assertThat(envelope.claims().getJWTID()).isEqualTo(done.noticeId().toString());

        JsonNode codes = read(get(carol, "/api/v1/me/codes")
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .path("items");
        assertThat(codes).hasSize(2);
        CodeView code = json.treeToValue(codes.get(0), CodeView.class);
        EntryResult entered = t.meter(code.meterId()).enterCode(String.join("", code.digits()));
        assertThat(entered)
                .isEqualTo(new EntryResult.Accepted(
                        new SetNonDisconnectPeriod(
                                hour, hour.plus(Duration.ofDays(3)).plusSeconds(15 * 60)),
                        code.counter()));

        String csv = get(ops, "/api/v1/campaigns/" + started.id() + "/no-phone")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/csv")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv.split("\r\n")).hasSize(21);
        assertThat(csv)
                .startsWith("account_number,name,phone,address,postcode,mpan_or_mprn,meter,code,")
                .contains("AB10 1AA")
                .doesNotContain("AB11");
    }

    @Test
    void theLongestNoticeTheFormAllowsGoesToPhonesInMessagesFcmTakes() throws Exception {
        // The form counts UTF-16 characters (title 80, message 500), so the most bytes its words can take is three
        // a character: here all of them, signed in the envelope in base64 and shown in the notification.
        String ops = t.token("ops");
        Instant start = Instant.now().plus(Duration.ofHours(2));
        Map<String, Object> longest = new java.util.HashMap<>(notice(List.of("AB11"), start, start.plusSeconds(3600)));
        longest.put("title", "\u20AC".repeat(80));
        longest.put("message", "\u2019".repeat(500));
        fcm.clear();
        CampaignView started = post(ops, "/api/v1/notices", longest)
                .expectStatus()
                .isCreated()
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody();
        CampaignView done = awaitDone(ops, started.id());
        awaitPushed();

        List<JsonNode> notices1 = fcm.requests().stream()
                .map(r -> read(r.body()).path("message"))
                .filter(m -> m.path("data")
                        .path("id")
                        .asText()
                        .equals(done.noticeId().toString()))
                .toList();
        assertThat(notices1).isNotEmpty().allSatisfy(m -> {
            // FCM counts the data's members and the notification's text, about 45 bytes a message and 6 a member.
            int bytes = 45;
            for (Map.Entry<String, JsonNode> member : m.path("data").properties()) {
                bytes += 6 + utf8(member.getKey()) + utf8(member.getValue().asText());
            }
            bytes += utf8(m.path("notification").path("title").asText())
                    + utf8(m.path("notification").path("body").asText());
            assertThat(bytes).isLessThanOrEqualTo(4096);
        });
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Test
    void badNoticesAreProblemsAndWriteNothing() {
        String ops = t.token("ops");
        Instant start = Instant.now().plus(Duration.ofHours(2));
        long notices = count("SELECT count(*) FROM notice");
        post(ops, "/api/v1/notices", notice(List.of("AB10"), start, start.minusSeconds(60)))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-window")
                .jsonPath("$.errors[0].field")
                .isEqualTo("endsAt");
        post(ops, "/api/v1/notices", notice(List.of("AB10", "not a district!"), start, start.plusSeconds(3600)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-area")
                .jsonPath("$.errors[0].field")
                .isEqualTo("area.districts[1]");
        post(ops, "/api/v1/notices", notice(List.of("AB10"), start, start.plus(Duration.ofDays(32))))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-window")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("31 days"));
        post(ops, "/api/v1/notices", notice(List.of(), start, start.plusSeconds(3600)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-area");
        post(
                        ops,
                        "/api/v1/notices",
                        Map.of(
                                "title",
                                "x",
                                "message",
                                "y",
                                "reason",
                                "z",
                                "area",
                                Map.of("all", true, "districts", List.of("AB10")),
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plusSeconds(3600).toString()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-area");
        post(
                        ops,
                        "/api/v1/notices",
                        Map.of(
                                "message",
                                "y",
                                "reason",
                                "z",
                                "area",
                                Map.of("all", true),
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plusSeconds(3600).toString()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:validation")
                .jsonPath("$.errors[0].field")
                .isEqualTo("title");
        post(
                        ops,
                        "/api/v1/notices",
                        Map.of(
                                "title",
                                "x",
                                "message",
                                "y",
                                "reason",
                                "z",
                                "area",
                                Map.of("all", true),
                                "startsAt",
                                "tomorrow",
                                "endsAt",
                                start.toString()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:validation");
        assertThat(count("SELECT count(*) FROM notice")).isEqualTo(notices);
    }

    @Test
    void onlyOpsStartCampaignsAndNoSupplierSeesAnothersCampaign() {
        Instant start = Instant.now().plus(Duration.ofHours(1));
        post(t.token("agent"), "/api/v1/notices", notice(List.of("AB10"), start, start.plusSeconds(3600)))
                .expectStatus()
                .isForbidden();
        post(t.token("customer1"), "/api/v1/notices", notice(List.of("AB10"), start, start.plusSeconds(3600)))
                .expectStatus()
                .isForbidden();
        post(t.token("admin"), "/api/v1/price-changes", Map.of()).expectStatus().isForbidden();

        String theirs = other.token("ops");
        long mineBefore = count("SELECT count(*) FROM code WHERE supplier_id = '" + t.supplierId + "'");
        CampaignView campaign = post(theirs, "/api/v1/notices", notice(List.of("AB10"), start, start.plusSeconds(3600)))
                .expectStatus()
                .isCreated()
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody();
        assertThat(campaign.total()).isEqualTo(10);
        assertThat(awaitDone(theirs, campaign.id()).coded()).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM code WHERE supplier_id = '" + t.supplierId + "'"))
                .isEqualTo(mineBefore);

        String mine = t.token("ops");
        for (String path : List.of("", "/no-phone")) {
            get(mine, "/api/v1/campaigns/" + campaign.id() + path)
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:lifeline:problem:not-found");
        }
        post(mine, "/api/v1/campaigns/" + campaign.id() + "/cancel", Map.of("reason", "x"))
                .expectStatus()
                .isNotFound();
        get(mine, "/api/v1/notices/" + campaign.noticeId()).expectStatus().isNotFound();
        get(theirs, "/api/v1/notices/" + campaign.noticeId())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.campaignId")
                .isEqualTo(campaign.id().toString());
    }

    @Test
    void cancellingStopsACampaignBeforeItsMetersAreCoded() {
        String ops = t.token("ops");
        Instant start = Instant.now().plus(Duration.ofHours(1));
        runner.stop();
        CampaignView campaign;
        try {
            campaign = post(ops, "/api/v1/notices", notice(List.of("AB11"), start, start.plusSeconds(7200)))
                    .expectStatus()
                    .isCreated()
                    .expectBody(CampaignView.class)
                    .returnResult()
                    .getResponseBody();
            CampaignView cancelled = post(
                            ops,
                            "/api/v1/campaigns/" + campaign.id() + "/cancel",
                            Map.of("reason", "warning withdrawn"))
                    .expectStatus()
                    .isOk()
                    .expectBody(CampaignView.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(cancelled.status()).isEqualTo("CANCELLED");
            assertThat(cancelled.cancelled()).isEqualTo(10);
        } finally {
            runner.start();
        }
        sleep(800);
        CampaignView after = awaitDone(ops, campaign.id());
        assertThat(after.coded()).isZero();
        assertThat(after.status()).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM customer_notice WHERE notice_id = '" + after.noticeId() + "'"))
                .isZero();
        post(ops, "/api/v1/campaigns/" + campaign.id() + "/cancel", Map.of("reason", "again"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:campaign-not-running");
    }

    @Test
    void idleWorkersKeepASecretForEveryMeterPageByPageAndFindMissingOnesOnTheNextPass() {
        String missing = "SELECT count(*) FROM device d WHERE d.supplier_id = '" + t.supplierId + "'"
                + " AND d.device_type IN ('ESME', 'GSME') AND d.ka_public_key IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM meter_secret m WHERE m.supplier_id = d.supplier_id AND m.device_id = d.id)";
        assertThat(count("SELECT count(*) FROM device WHERE supplier_id = '" + t.supplierId + "'"))
                .isGreaterThan(32);
        Eventually.until(() -> count(missing) == 0, Duration.ofSeconds(60));

        // The first meters in id order lose their secrets, behind where priming has got to: found on the next pass.
        db.sql("DELETE FROM meter_secret WHERE supplier_id = :s AND device_id IN (SELECT id FROM device"
                        + " WHERE supplier_id = :s AND device_type IN ('ESME', 'GSME') ORDER BY id LIMIT 3)")
                .bind("s", t.supplierId)
                .fetch()
                .rowsUpdated()
                .block();
        Eventually.until(() -> count(missing) == 0, Duration.ofSeconds(60));
    }

    @Test
    void aPriceChangeCodesTheFuelsMetersInTheArea() {
        String ops = t.token("ops");
        // Whatever secret was kept for the meter, a tampered one is not used: the agreement is done again.
        db.sql(
                        "INSERT INTO meter_secret (supplier_id, device_id, supplier_kid, wrapped, created_at)"
                                + " SELECT d.supplier_id, d.id, k.supplier_kid, decode(repeat('00', 60), 'hex'), now()"
                                + " FROM device d, (SELECT DISTINCT supplier_kid FROM meter_secret WHERE supplier_id = :s) k"
                                + " WHERE d.supplier_id = :s AND d.eui64 = :e"
                                + " ON CONFLICT (supplier_id, device_id, supplier_kid) DO UPDATE SET wrapped = EXCLUDED.wrapped")
                .bind("s", t.supplierId)
                .bind("e", t.meter2)
                .fetch()
                .rowsUpdated()
                .block();
        Map<String, String> prices = Map.of("unit-rate", "24.5", "standing-charge", "53.35", "from", "2027-04-01");
        CampaignView campaign = post(
                        ops,
                        "/api/v1/price-changes",
                        Map.of(
                                "command",
                                "change-price",
                                "parameters",
                                prices,
                                "fuel",
                                "ELECTRICITY",
                                "area",
                                Map.of("districts", List.of("YO21")),
                                "reason",
                                "price cap, April 2027",
                                "title",
                                "New prices from 1 April"))
                .expectStatus()
                .isCreated()
                .expectBody(CampaignView.class)
                .returnResult()
                .getResponseBody();
        assertThat(campaign.total()).isEqualTo(1);
        assertThat(awaitDone(ops, campaign.id()).coded()).isEqualTo(1);

        CodeView code = json.convertValue(
                read(get(t.token("customer2"), "/api/v1/me/codes")
                                .expectBody(String.class)
                                .returnResult()
                                .getResponseBody())
                        .path("items")
                        .get(0),
                CodeView.class);
        assertThat(code.command()).isEqualTo("change-price");
        assertThat(count("SELECT count(*) FROM meter_secret m JOIN device d ON d.id = m.device_id"
                        + " WHERE d.eui64 = '" + t.meter2 + "' AND m.wrapped = decode(repeat('00', 60), 'hex')"))
                .isZero();
        assertThat(t.meter(t.meter2).enterCode(String.join("", code.digits())))
                .isInstanceOfSatisfying(
                        EntryResult.Accepted.class, a -> assertThat(a.command()).isInstanceOf(ChangePrice.class));

        post(
                        ops,
                        "/api/v1/price-changes",
                        Map.of(
                                "command",
                                "top-up",
                                "parameters",
                                Map.of("amount", "5"),
                                "fuel",
                                "GAS",
                                "area",
                                Map.of("all", true),
                                "reason",
                                "x"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:unknown-command");
        post(
                        ops,
                        "/api/v1/price-changes",
                        Map.of(
                                "command",
                                "change-price",
                                "parameters",
                                Map.of("unit-rate", "24.5", "standing-charge", "53.35"),
                                "fuel",
                                "GAS",
                                "area",
                                Map.of("all", true),
                                "reason",
                                "x"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-parameters")
                .jsonPath("$.errors[0].field")
                .isEqualTo("parameters.from");
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
