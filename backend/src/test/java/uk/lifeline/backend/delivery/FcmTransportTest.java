package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real firebase-admin client, built as the backend builds it from {@code lifeline.push.*}, pushing to a loopback
 * HTTP server that stands in for Google: over HTTP/2 in clear text (firebase-admin's own Apache HttpClient 5
 * transport, as against Google) or over HTTP/1.1 (the JDK's), as {@code lifeline.push.transport} says.
 */
class FcmTransportTest {

    @TempDir
    Path dir;

    private LoopbackFcmServer google;
    private final ObjectMapper json = new ObjectMapper();
    private FcmGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (google != null) {
            google.close();
        }
    }

    /** A gateway as the backend builds it, to a loopback Google that takes only the transport's protocol. */
    private FcmGateway gateway(String path, PushProperties.Transport transport) throws Exception {
        google = new LoopbackFcmServer(transport == PushProperties.Transport.HTTP2);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder()
                        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        Path account = Files.writeString(
                dir.resolve("service-account.json"), """
                {"type": "service_account", "project_id": "%s", "private_key_id": "k1", "private_key": "%s",
                 "client_email": "push@%s.iam.gserviceaccount.com", "client_id": "1",
                 "token_uri": "https://oauth2.googleapis.com/token"}
                """.formatted(FakeFcm.PROJECT, pem, FakeFcm.PROJECT));
        PushProperties properties = new PushProperties(
                account,
                null,
                google.endpoint() + path,
                transport,
                500,
                4,
                1,
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                Duration.ofSeconds(2),
                Duration.ofHours(1),
                10,
                Duration.ofDays(28));
        gateway = (FcmGateway) new PushConfig().pushGateway(properties);
        return gateway;
    }

    @ParameterizedTest
    @CsvSource({"HTTP2, HTTP/2.0, HTTP/2", "HTTP1, HTTP/1.1, HTTP/1.1"})
    void theTokenExchangeAndEachMessageGoToTheEndpointOverTheTransportAskedFor(
            PushProperties.Transport transport, String protocol, String described) throws Exception {
        List<PushOutcome> outcomes = gateway("", transport)
                .send(List.of(FcmGatewayTest.code(7, "phone-token-1"), FcmGatewayTest.code(8, "phone-token-2")));

        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o.result()).as(o.error()).isEqualTo(PushOutcome.Result.SENT));
        assertThat(outcomes).extracting(PushOutcome::fcmName).allMatch(n -> n.startsWith("projects/lifeline-test/"));
        assertThat(gateway.description())
                .as("what health and start-up say")
                .isEqualTo("FCM project " + FakeFcm.PROJECT + " through " + google.endpoint()
                        + " (not Google: a test endpoint) over " + described);
        assertThat(google.requests)
                .extracting(LoopbackFcmServer.Received::protocol)
                .containsOnly(protocol);
        LoopbackFcmServer.Received token = google.requests.get(0);
        assertThat(token.method() + " " + token.path()).isEqualTo("POST /token");
        assertThat(token.body()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
        List<LoopbackFcmServer.Received> sends = google.requests.subList(1, google.requests.size());
        assertThat(sends).hasSize(2).allSatisfy(r -> {
            assertThat(r.method() + " " + r.path())
                    .isEqualTo("POST /v1/projects/" + FakeFcm.PROJECT + "/messages:send");
            assertThat(r.authorization()).isEqualTo("Bearer " + LoopbackFcmServer.ACCESS_TOKEN);
        });
        List<String> tokens = new ArrayList<>();
        for (LoopbackFcmServer.Received send : sends) {
            tokens.add(json.readTree(send.body()).path("message").path("token").asText());
        }
        assertThat(tokens).containsExactlyInAnyOrder("phone-token-1", "phone-token-2");
        assertThat(json.readTree(sends.get(0).body()).path("message").path("data"))
                .isEqualTo(json.valueToTree(Map.of(
                        "type", "code",
                        "id", "6f1c2c0e-0d7e-4a8e-9a53-9b1f3c0a0001",
                        "status", "ISSUED",
                        "envelope", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln")));
    }

    @ParameterizedTest
    @CsvSource({"HTTP2", "HTTP1"})
    void theEndpointsPathGoesBeforeEachRequestsPath(PushProperties.Transport transport) throws Exception {
        gateway("/instance-2/", transport).send(List.of(FcmGatewayTest.code(7, "phone-token-1")));

        assertThat(google.requests)
                .extracting(LoopbackFcmServer.Received::path)
                .containsExactly("/instance-2/token", "/instance-2/v1/projects/" + FakeFcm.PROJECT + "/messages:send");
    }

    @Test
    void withNoTransportSetItIsHttp2ToGoogleAndToAnEndpointAlike() {
        assertThat(new PushProperties(null, null, null, null, 500, 4, 1, null, null, null, null, 10, null).transport())
                .as("firebase-admin's default")
                .isEqualTo(PushProperties.Transport.HTTP2);
        assertThat(new PushProperties(
                                null, null, "http://127.0.0.1:1", null, 500, 4, 1, null, null, null, null, 10, null)
                        .transport())
                .as("the cheaper against a loopback fake (docs/performance.md)")
                .isEqualTo(PushProperties.Transport.HTTP2);
    }
}
