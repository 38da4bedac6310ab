package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * Phones: activation, registering FCM tokens, pushing each released code to every phone through the real
 * firebase-admin client (captured), FCM's errors (retry with backoff honouring Retry-After, retiring tokens,
 * giving up), batching, in-doubt sends after a crash, the live stream and the delivery state of each message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Import(FakeFcmConfig.class)
@TestPropertySource(
        properties = {
            "lifeline.push.poll-interval=100ms",
            "lifeline.push.first-retry=200ms",
            "lifeline.push.max-attempts=3",
            "lifeline.activation.attempts-per-address=12"
        })
class DeliveryTest extends BackendTest {

    @Autowired
    FakeFcm fcm;

    @Autowired
    FakeFcmConfig.Recording gateway;

    @Autowired
    Dispatcher dispatcher;

    private final ObjectMapper json = new ObjectMapper();
    private Tenant t;
    private Tenant other;

    @BeforeAll
    void tenants() {
        // Sign-ins hash passwords: slow on a busy machine.
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        t = tenant("dl");
        other = tenant("dm");
    }

    private JsonNode body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        try {
            return json.readTree(
                    response.expectBody(String.class).returnResult().getResponseBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) {
        Eventually.until(condition, Duration.ofSeconds(30));
    }

    private String activate(Tenant tenant, UUID customer) {
        String code = body(post(tenant.token("agent"), "/api/v1/customers/" + customer + "/activation-codes", Map.of())
                        .expectStatus()
                        .isCreated())
                .path("activationCode")
                .asText();
        assertThat(code).matches("\\d{4} \\d{4} \\d{4}");
        JsonNode session = body(post(
                        null,
                        "/api/v1/activations",
                        Map.of("activationCode", code, "deviceName", "Pixel 7", "platform", "android"))
                .expectStatus()
                .isOk());
        assertThat(session.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(session.path("customerId").asText()).isEqualTo(customer.toString());
        return session.path("accessToken").asText();
    }

    @Test
    @Order(1)
    void anActivationCodeLinksTheAppOnceAndItsPhoneRegisters() {
        String code = body(post(t.token("agent"), "/api/v1/customers/" + t.customer1 + "/activation-codes", Map.of())
                        .expectStatus()
                        .isCreated())
                .path("activationCode")
                .asText();
        JsonNode session = body(post(
                        null,
                        "/api/v1/activations",
                        Map.of(
                                "activationCode",
                                code.replace(" ", "-"),
                                "deviceName",
                                "Carol's phone",
                                "platform",
                                "android"))
                .expectStatus()
                .isOk());
        assertThat(session.path("expiresIn").asLong())
                .isEqualTo(Duration.ofDays(180).toSeconds());
        assertThat(session.path("supplier").path("code").asText()).isEqualTo("dl");
        assertThat(session.path("supplier").path("name").asText()).isEqualTo("Supplier dl");
        assertThat(session.path("supplier").path("phone").asText()).isNotBlank();
        String app = session.path("accessToken").asText();

        get(app, "/api/v1/me/codes").expectStatus().isOk();
        post(null, "/api/v1/activations", Map.of("activationCode", code))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:not-found");
        post(null, "/api/v1/activations", Map.of("activationCode", "1234 5678 9013"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("activationCode");
        post(other.token("agent"), "/api/v1/customers/" + t.customer1 + "/activation-codes", Map.of())
                .expectStatus()
                .isNotFound();
        post(t.token("customer1"), "/api/v1/customers/" + t.customer1 + "/activation-codes", Map.of())
                .expectStatus()
                .isForbidden();

        JsonNode first = body(post(app, "/api/v1/me/devices", Map.of("token", "ok-carol-old", "platform", "android"))
                .expectStatus()
                .isCreated());
        JsonNode again = body(post(app, "/api/v1/me/devices", Map.of("token", "ok-carol-old"))
                .expectStatus()
                .isCreated());
        assertThat(again.path("id")).isEqualTo(first.path("id"));
        post(app, "/api/v1/me/devices", Map.of("token", "ok-carol-a", "name", "Pixel"))
                .expectStatus()
                .isCreated();
        post(t.token("customer1"), "/api/v1/me/devices", Map.of("token", "ok-carol-b"))
                .expectStatus()
                .isCreated();

        assertThat(body(get(app, "/api/v1/me/devices").expectStatus().isOk()).path("items"))
                .hasSize(2);
        assertThat(count("SELECT count(*) FROM push_device WHERE token = 'ok-carol-old' AND retired_reason ="
                        + " 'replaced by a newer token'"))
                .isEqualTo(1);
        post(t.token("agent"), "/api/v1/me/devices", Map.of("token", "x"))
                .expectStatus()
                .isForbidden();
        post(app, "/api/v1/me/devices", Map.of("platform", "android"))
                .expectStatus()
                .isBadRequest();
    }

    @Test
    @Order(2)
    void aReleasedCodeGoesToEachPhoneWithItsEnvelopeAndItsDeliveriesAreVisible() throws Exception {
        fcm.clear();
        CodeView code = issue(t.token("agent"), t.meter1, "top-up", Map.of("amount", "10.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        await(() ->
                fcm.requests().size() >= 2 && count("SELECT count(*) FROM push_delivery WHERE state = 'SENT'") >= 2);
        List<JsonNode> sent =
                fcm.requests().stream().map(r -> read(r.body()).path("message")).toList();
        assertThat(sent)
                .extracting(m -> m.path("token").asText())
                .containsExactlyInAnyOrder("ok-carol-a", "ok-carol-b");
        for (JsonNode m : sent) {
            assertThat(m.path("data").path("type").asText()).isEqualTo("code");
            assertThat(m.path("data").path("id").asText()).isEqualTo(code.id().toString());
            assertThat(m.path("data").path("status").asText()).isEqualTo("ISSUED");
            assertThat(m.path("data").path("envelope").asText()).isEqualTo(code.envelope());
            assertThat(m.path("notification").path("title").asText()).isEqualTo("New code for your meter");
            assertThat(m.path("android").path("ttl").asText()).matches("24191[0-9]{2}s"); // FCM's 28 days
        }
        JsonNode deliveries = body(get(t.token("agent"), "/api/v1/codes/" + code.id() + "/deliveries")
                .expectStatus()
                .isOk());
        assertThat(deliveries.path("items")).hasSize(2).allSatisfy(d -> {
            assertThat(d.path("state").asText()).isEqualTo("SENT");
            assertThat(d.path("fcmName").asText()).startsWith("projects/lifeline-test/messages/");
            assertThat(d.path("attempts").asInt()).isEqualTo(1);
        });
        get(other.token("agent"), "/api/v1/codes/" + code.id() + "/deliveries")
                .expectStatus()
                .isNotFound();
        get(t.token("customer1"), "/api/v1/codes/" + code.id() + "/deliveries")
                .expectStatus()
                .isForbidden();

        // Cancelling tells the phones too.
        post(t.token("agent"), "/api/v1/codes/" + code.id() + "/cancel", Map.of("reason", "wrong amount"))
                .expectStatus()
                .isOk();
        await(() -> fcm.requests().size() >= 4);
        assertThat(fcm.requests().subList(2, 4)).allSatisfy(r -> {
            JsonNode data = read(r.body()).path("message").path("data");
            assertThat(data.path("type").asText()).isEqualTo("status");
            assertThat(data.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(data.has("envelope")).isFalse();
        });
    }

    private void phone(String token) {
        db.sql("INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,"
                        + " registered_at) VALUES (:id, :s, :c, :i, :t, 'android', now())")
                .bind("id", UUID.randomUUID())
                .bind("s", t.supplierId)
                .bind("c", t.customer2)
                .bind("i", UUID.randomUUID())
                .bind("t", token)
                .fetch()
                .rowsUpdated()
                .block();
    }

    private String state(String token) {
        return db.sql("SELECT p.state FROM push_delivery p JOIN push_device d ON d.id = p.device_id"
                        + " WHERE d.token = :t ORDER BY p.id DESC LIMIT 1")
                .bind("t", token)
                .map(r -> r.get("state", String.class))
                .one()
                .block();
    }

    @Test
    @Order(3)
    void fcmErrorsRetryWithBackoffRetireTokensAndGiveUp() {
        for (String token :
                List.of("unregistered-1", "invalid-1", "quota-1", "unavailable-1", "internal-1", "flaky-1")) {
            phone(token);
        }
        fcm.script(
                "flaky-1",
                n -> n == 1 ? FakeFcm.error(500, "INTERNAL", "INTERNAL", "oops", null) : FakeFcm.ok("flaky-1", n));
        Instant before = Instant.now();
        issue(t.token("agent"), t.meter2, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated();

        await(() -> "SENT".equals(state("flaky-1"))
                && "FAILED".equals(state("internal-1"))
                && "RETIRED".equals(state("unregistered-1"))
                && "RETIRED".equals(state("invalid-1")));

        assertThat(count("SELECT count(*) FROM push_device WHERE token IN ('unregistered-1', 'invalid-1')"
                        + " AND retired_at IS NOT NULL AND retired_reason LIKE 'FCM: %'"))
                .isEqualTo(2);
        assertThat(count("SELECT attempts FROM push_delivery p JOIN push_device d ON d.id = p.device_id"
                        + " WHERE d.token = 'internal-1'"))
                .isEqualTo(3);
        assertThat(count("SELECT attempts FROM push_delivery p JOIN push_device d ON d.id = p.device_id"
                        + " WHERE d.token = 'flaky-1'"))
                .isEqualTo(2);
        assertThat(state("quota-1")).isEqualTo("PENDING");
        assertThat(state("unavailable-1")).isEqualTo("PENDING");
        Instant quotaNext = nextAttempt("quota-1");
        Instant unavailableNext = nextAttempt("unavailable-1");
        assertThat(quotaNext)
                .isAfter(before.plusSeconds(29))
                .isBefore(Instant.now().plusSeconds(31));
        assertThat(unavailableNext)
                .isAfter(before.plusSeconds(119))
                .isBefore(Instant.now().plusSeconds(121));
        assertThat(fcm.requests())
                .filteredOn(r -> r.body().contains("\"unregistered-1\""))
                .hasSize(1);

        // A retired token gets nothing more.
        int sent = fcm.requests().size();
        issue(t.token("agent"), t.meter2, "top-up", Map.of("amount", "6.00"))
                .expectStatus()
                .isCreated();
        await(() -> "SENT".equals(state("flaky-1")) && fcm.requests().size() > sent);
        assertThat(fcm.requests().subList(sent, fcm.requests().size()))
                .noneMatch(r -> r.body().contains("unregistered-1") || r.body().contains("invalid-1"));
    }

    private Instant nextAttempt(String token) {
        return db.sql("SELECT p.next_attempt_at FROM push_delivery p JOIN push_device d ON d.id = p.device_id"
                        + " WHERE d.token = :t ORDER BY p.id LIMIT 1")
                .bind("t", token)
                .map(r -> r.get("next_attempt_at", Instant.class))
                .one()
                .block();
    }

    @Test
    @Order(4)
    void messagesGoInBatchesOfAtMost500() {
        dispatcher.stop();
        try {
            db.sql("""
                    WITH m AS (
                      INSERT INTO outbox_message (supplier_id, customer_account_id, kind, subject_id, status, envelope,
                        title, body, high_priority, created_at, expires_at)
                      SELECT :s, :c, 'status', gen_random_uuid(), 'CANCELLED', NULL, 't', 'b', false, now(),
                        now() + interval '1 day' FROM generate_series(1, 600) RETURNING id),
                    d AS (
                      INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                        registered_at)
                      VALUES (gen_random_uuid(), :s, :c, gen_random_uuid(), 'ok-batch', 'android', now()) RETURNING id)
                    INSERT INTO push_delivery (message_id, supplier_id, device_id, state, next_attempt_at, expires_at,
                      created_at)
                    SELECT m.id, :s, d.id, 'PENDING', now(), now() + interval '1 day', now() FROM m, d
                    """)
                    .bind("s", other.supplierId)
                    .bind("c", other.customer1)
                    .fetch()
                    .rowsUpdated()
                    .block();
            gateway.batches.clear();
            fcm.clear();
            while (dispatcher.step().block() > 0) {
                // until nothing is due
            }
        } finally {
            dispatcher.start();
        }
        assertThat(gateway.batches).first().isEqualTo(500);
        assertThat(gateway.batches).allSatisfy(n -> assertThat(n).isBetween(1, 500));
        assertThat(fcm.requests())
                .filteredOn(r -> r.body().contains("ok-batch"))
                .hasSize(600);
    }

    @Test
    @Order(5)
    void aSendInterruptedByACrashIsInDoubtAndNeverSentAgain() {
        dispatcher.stop();
        try {
            db.sql("""
                    WITH m AS (
                      INSERT INTO outbox_message (supplier_id, customer_account_id, kind, subject_id, status, title,
                        body, high_priority, created_at, expires_at)
                      VALUES (:s, :c, 'status', gen_random_uuid(), 'CANCELLED', 't', 'b', false, now(),
                        now() + interval '1 day') RETURNING id),
                    d AS (
                      INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                        registered_at)
                      VALUES (gen_random_uuid(), :s, :c, gen_random_uuid(), 'ok-crashed', 'android', now()) RETURNING id)
                    INSERT INTO push_delivery (message_id, supplier_id, device_id, state, attempts, next_attempt_at,
                      lease_until, claimed_by, expires_at, created_at)
                    SELECT m.id, :s, d.id, 'SENDING', 1, now(), now() - interval '1 second', 'dispatcher-gone',
                      now() + interval '1 day', now() FROM m, d
                    """)
                    .bind("s", other.supplierId)
                    .bind("c", other.customer2)
                    .fetch()
                    .rowsUpdated()
                    .block();
            fcm.clear();
            dispatcher.sweep().then(dispatcher.step()).block();
        } finally {
            dispatcher.start();
        }
        assertThat(state("ok-crashed")).isEqualTo("IN_DOUBT");
        assertThat(fcm.requests()).noneMatch(r -> r.body().contains("ok-crashed"));
        get(null, "/actuator/health")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.push.description")
                .value(d -> assertThat((String) d).startsWith("push on"));
    }

    @Test
    @Order(6)
    void theStreamSendsCodesAsTheyAreIssuedAndWhatWasMissedOnReconnecting() {
        String app = activate(other, other.customer1);
        WebClient client = WebClient.create("http://localhost:" + port);
        ParameterizedTypeReference<ServerSentEvent<String>> type = new ParameterizedTypeReference<>() {};
        Flux<ServerSentEvent<String>> stream = client.get()
                .uri("/api/v1/me/stream")
                .headers(h -> h.setBearerAuth(app))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(type)
                .filter(e -> e.event() != null);
        List<ServerSentEvent<String>> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscription = stream.subscribe(events::add);
        try {
            await(() -> count("SELECT 1") == 1);
            CodeView code = null;
            for (int tries = 0; tries < 50 && events.isEmpty(); tries++) {
                if (code == null) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    code = issue(other.token("agent"), other.meter1, "top-up", Map.of("amount", "3.00"))
                            .expectStatus()
                            .isCreated()
                            .expectBody(CodeView.class)
                            .returnResult()
                            .getResponseBody();
                }
                await(() -> !events.isEmpty());
            }
            ServerSentEvent<String> event = events.get(0);
            assertThat(event.event()).isEqualTo("code");
            assertThat(event.id()).matches("[0-9]+");
            JsonNode data = read(event.data());
            assertThat(data.path("id").asText()).isEqualTo(code.id().toString());
            assertThat(data.path("envelope").asText()).isEqualTo(code.envelope());
            String id = code.id().toString();
            await(() -> count("SELECT count(*) FROM code WHERE status = 'DELIVERED' AND id = '" + id + "'") == 1);
            assertThat(count("SELECT count(*) FROM audit_log WHERE entry::jsonb ->> 'action' = 'code.delivered'"
                            + " AND entry::jsonb ->> 'subject' = 'code:" + id + "'"))
                    .isEqualTo(1);

            long before = Long.parseLong(event.id()) - 1;
            List<ServerSentEvent<String>> missed = client.get()
                    .uri("/api/v1/me/stream")
                    .headers(h -> h.setBearerAuth(app))
                    .header("Last-Event-ID", Long.toString(before))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve()
                    .bodyToFlux(type)
                    .filter(e -> e.event() != null)
                    .take(1)
                    .collectList()
                    .block(Duration.ofSeconds(10));
            assertThat(missed).extracting(ServerSentEvent::id).containsExactly(event.id());
        } finally {
            subscription.dispose();
        }
        get(t.token("agent"), "/api/v1/me/stream").expectStatus().isForbidden();
    }

    @Test
    @Order(7)
    void activationAttemptsAreLimited() {
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = post(null, "/api/v1/activations", Map.of("activationCode", "0000 0000 0000"))
                    .returnResult(String.class)
                    .getStatus()
                    .value();
        }
        assertThat(status).isEqualTo(429);
        post(null, "/api/v1/activations", Map.of("activationCode", "0000 0000 0000"))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:too-many-attempts");
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
