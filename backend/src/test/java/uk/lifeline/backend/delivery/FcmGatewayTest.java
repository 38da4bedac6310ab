package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real firebase-admin client over a capturing transport: the exact FCM v1 requests, and each error's outcome. */
class FcmGatewayTest {

    private final FakeFcm fcm = new FakeFcm();
    private final FcmGateway gateway = fcm.gateway();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        gateway.close();
    }

    static Push code(long id, String token) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", "code");
        data.put("id", "6f1c2c0e-0d7e-4a8e-9a53-9b1f3c0a0001");
        data.put("status", "ISSUED");
        data.put("envelope", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
        return new Push(
                id,
                token,
                data,
                "New code for your meter",
                "A top-up code is ready. Open Lifeline to enter it.",
                false,
                "codes",
                Duration.ofDays(30).minusHours(1));
    }

    @Test
    void aCodeGoesAsOneFcmV1RequestWithDataNotificationPriorityAndTtl() throws Exception {
        List<PushOutcome> outcomes = gateway.send(List.of(code(7, "phone-token-1")));

        assertThat(outcomes)
                .containsExactly(new PushOutcome(
                        7,
                        PushOutcome.Result.SENT,
                        "projects/lifeline-test/messages/" + Math.abs("phone-token-1".hashCode()) + "-1",
                        null,
                        null));
        FakeFcm.Request request = fcm.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).isEqualTo(FakeFcm.SEND_URL);
        assertThat(request.authorization()).isEqualTo("Bearer test-access-token");
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree("""
                {"message": {
                   "token": "phone-token-1",
                   "data": {"type": "code", "id": "6f1c2c0e-0d7e-4a8e-9a53-9b1f3c0a0001", "status": "ISSUED",
                            "envelope": "eyJhbGciOiJFUzI1NiJ9.e30.c2ln"},
                   "notification": {"title": "New code for your meter",
                                    "body": "A top-up code is ready. Open Lifeline to enter it."},
                   "android": {"priority": "normal", "ttl": "2588400s", "notification": {"channel_id": "codes"}}}}
                """));
    }

    @Test
    void aNoticeIsHighPriorityOnTheNoticesChannel() throws Exception {
        Push notice = new Push(
                8,
                "phone-token-2",
                Map.of("type", "notice", "id", "n1", "envelope", "a.b.c"),
                "Severe cold weather",
                "Your supply will stay on until Friday 18:00.",
                true,
                "notices",
                Duration.ofHours(72));

        gateway.send(List.of(notice));

        JsonNode android =
                json.readTree(fcm.requests().get(0).body()).path("message").path("android");
        assertThat(android.path("priority").asText()).isEqualTo("high");
        assertThat(android.path("ttl").asText()).isEqualTo("259200s");
        assertThat(android.path("notification").path("channel_id").asText()).isEqualTo("notices");
    }

    @Test
    void aBatchSendsOneRequestPerMessageAndAnswersInOrder() throws Exception {
        List<Push> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(code(i, (i % 100 == 7 ? "unregistered-" : "ok-") + i));
        }

        List<PushOutcome> outcomes = gateway.send(batch);

        assertThat(fcm.requests()).hasSize(500);
        assertThat(outcomes)
                .extracting(PushOutcome::deliveryId)
                .containsExactlyElementsOf(batch.stream().map(Push::deliveryId).toList());
        assertThat(outcomes)
                .filteredOn(o -> o.result() == PushOutcome.Result.RETIRE_TOKEN)
                .hasSize(5)
                .allSatisfy(o -> assertThat(o.deliveryId() % 100).isEqualTo(7));
        assertThat(fcm.requests())
                .extracting(r ->
                        json.readTree(r.body()).path("message").path("token").asText())
                .containsExactlyInAnyOrderElementsOf(
                        batch.stream().map(Push::token).toList());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("unregistered-1", PushOutcome.Result.RETIRE_TOKEN, "UNREGISTERED", null),
                Arguments.of("invalid-1", PushOutcome.Result.RETIRE_TOKEN, "INVALID_ARGUMENT", null),
                Arguments.of("quota-1", PushOutcome.Result.RETRY, "QUOTA_EXCEEDED", Duration.ofSeconds(30)),
                Arguments.of("internal-1", PushOutcome.Result.RETRY, "INTERNAL", null),
                Arguments.of("unavailable-1", PushOutcome.Result.RETRY, "UNAVAILABLE", Duration.ofSeconds(120)));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void eachFcmErrorHasItsOutcome(String token, PushOutcome.Result result, String code, Duration retryAfter) {
        PushOutcome outcome = gateway.send(List.of(code(1, token))).get(0);

        assertThat(outcome.result()).isEqualTo(result);
        assertThat(outcome.error()).startsWith(code + ": ");
        assertThat(outcome.retryAfter()).isEqualTo(retryAfter);
        assertThat(outcome.fcmName()).isNull();
        assertThat(fcm.requests()).hasSize(1);
    }

    @Test
    void theSdkRetriesA503WithinItsOwnLimitBeforeAnsweringSent() {
        fcm.script(
                "flaky",
                n -> n == 1
                        ? FakeFcm.error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.", "1")
                        : FakeFcm.ok("flaky", n));

        PushOutcome outcome = gateway.send(List.of(code(3, "flaky"))).get(0);

        assertThat(outcome.result()).isEqualTo(PushOutcome.Result.SENT);
        assertThat(fcm.requests()).hasSize(2);
    }
}
