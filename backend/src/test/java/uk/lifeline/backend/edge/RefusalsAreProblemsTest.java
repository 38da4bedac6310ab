package uk.lifeline.backend.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.RawHttp;

/**
 * Every refusal is problem+json with a stable type, including those made before any controller: the security
 * firewall's, 405, 406, 413, 414, 415 and control characters in headers (issue 12). Raw sockets, so that the
 * requests reach the server exactly as an attacker would write them.
 */
class RefusalsAreProblemsTest extends BackendTest {

    private RawHttp.Answer send(String head, byte[] body) {
        return RawHttp.send(port, head + "\r\nHost: localhost", body);
    }

    private RawHttp.Answer send(String head) {
        return send(head, new byte[0]);
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.body())
                .as(answer.toString())
                .contains("\"type\":\"urn:lifeline:problem:" + type + "\"")
                .contains("\"status\":" + status);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pathsTheFirewallRefusesAreRequestRejectedProblems() {
        for (String path : new String[] {
            "/api/v1/customers;x=1",
            "/api/v1/%2e%2e/customers",
            "/api/v1//customers",
            "/api/v1/customers%5cx",
            "/api/v1/%2E%2E/actuator/health"
        }) {
            assertProblem(send("GET " + path + " HTTP/1.1"), 400, "request-rejected");
        }
    }

    @Test
    void aWrongMethodIs405Problem() {
        String ops = tenant("edge").token("ops");
        assertProblem(
                send("PUT /api/v1/console/affected HTTP/1.1\r\nAuthorization: Bearer " + ops),
                405,
                "method-not-allowed");
    }

    @Test
    void anAcceptHeaderThatIsNotAMediaTypeIs406Problem() {
        byte[] body = json("{\"username\":\"nobody\",\"password\":\"x\"}");
        assertProblem(
                send(
                        "POST /api/v1/auth/token HTTP/1.1\r\nAccept: garbage\r\nContent-Type: application/json"
                                + "\r\nContent-Length: " + body.length,
                        body),
                406,
                "not-acceptable");
        assertProblem(send("GET /.well-known/jwks.json HTTP/1.1\r\nAccept: garbage"), 406, "not-acceptable");
    }

    @Test
    void aFormBodyOrNoContentTypeIs415Problem() {
        byte[] form = json("username=amy&password=x");
        assertProblem(
                send(
                        "POST /api/v1/auth/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                                + "\r\nContent-Length: " + form.length,
                        form),
                415,
                "unsupported-media-type");
        byte[] body = json("{\"username\":\"nobody\",\"password\":\"x\"}");
        assertProblem(
                send("POST /api/v1/auth/token HTTP/1.1\r\nContent-Length: " + body.length, body),
                415,
                "unsupported-media-type");
    }

    @Test
    void aOneMegabyteBodyIs413Problem() {
        byte[] body = new byte[1_000_000];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        assertProblem(
                send(
                        "POST /api/v1/auth/token HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length,
                        body),
                413,
                "payload-too-large");
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) ' ');
        assertProblem(
                send(
                        "POST /api/v1/auth/token HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                                + twoMegabytes.length,
                        twoMegabytes),
                413,
                "payload-too-large");
    }

    @Test
    void aUriOverFourKilobytesIs414Problem() {
        String longQuery = "q=" + "a".repeat(5000);
        assertProblem(send("GET /api/v1/customers?" + longQuery + " HTTP/1.1"), 414, "uri-too-long");
        assertProblem(send("GET /" + "b".repeat(4100) + " HTTP/1.1"), 414, "uri-too-long");
    }

    @Test
    void aControlCharacterInAHeaderIsRequestRejectedProblem() {
        assertProblem(send("GET /api/v1/customers HTTP/1.1\r\nX-Note: a\u007Fb"), 400, "request-rejected");
        assertProblem(
                send("GET /api/v1/customers HTTP/1.1\r\nAuthorization: Bearer a\u0001b"), 400, "request-rejected");
        assertProblem(send("GET /actuator/health HTTP/1.1\r\nUser-Agent: x\u0000y"), 400, "request-rejected");
        // C1 controls too (a byte 0x85 is read as U+0085, NEXT LINE), as Spring Security's firewall refuses them.
        assertProblem(send("GET /actuator/health HTTP/1.1\r\nX-Note: a\u0085b"), 400, "request-rejected");
    }

    @Test
    void anUnknownPathStaysAProblemToo() {
        RawHttp.Answer answer = send("GET /api/v1/no-such-thing HTTP/1.1");
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
    }
}
