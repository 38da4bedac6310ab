package uk.lifeline.backend.delivery;

import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * FCM for tests, without the internet: google-http-client's testing transport under the real firebase-admin
 * client, capturing every request it makes (URL, headers, the FCM v1 JSON body) and answering by the message's
 * token: a token starting {@code unregistered}, {@code invalid}, {@code quota}, {@code internal} or
 * {@code unavailable} gets FCM's error for it (the last with Retry-After 120 s, longer than the SDK's own retry
 * limit, so the SDK hands it straight back); a scripted answer can be set per token; anything else is taken.
 * Thread-safe.
 */
public final class FakeFcm extends MockHttpTransport {

    public static final String PROJECT = "lifeline-test";
    public static final String SEND_URL = "https://fcm.googleapis.com/v1/projects/" + PROJECT + "/messages:send";

    /** One request as FCM would have received it. */
    public record Request(String method, String url, String authorization, String body) {}

    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Integer, MockLowLevelHttpResponse>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    public static GoogleCredentials credentials() {
        return GoogleCredentials.create(new AccessToken("test-access-token", new Date(4_102_444_800_000L)));
    }

    public FcmGateway gateway() {
        return FcmGateway.create(credentials(), PROJECT, this, 8, null);
    }

    /** Answers requests for {@code token} with {@code answer.apply(n)}, n counting that token's requests from 1. */
    public void script(String token, Function<Integer, MockLowLevelHttpResponse> answer) {
        scripts.put(token, answer);
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    public void clear() {
        requests.clear();
        seen.clear();
    }

    @Override
    public LowLevelHttpRequest buildRequest(String method, String url) {
        return new MockLowLevelHttpRequest(url) {
            @Override
            public LowLevelHttpResponse execute() throws IOException {
                String body = getContentAsString();
                requests.add(new Request(method, url, getFirstHeaderValue("Authorization"), body));
                String token = body.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                int n = seen.merge(token, 1, Integer::sum);
                Function<Integer, MockLowLevelHttpResponse> script = scripts.get(token);
                if (script != null) {
                    return script.apply(n);
                }
                return answer(token, n);
            }
        };
    }

    static MockLowLevelHttpResponse answer(String token, int n) {
        if (token.startsWith("unregistered")) {
            return error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", null);
        }
        if (token.startsWith("invalid")) {
            return error(
                    400,
                    "INVALID_ARGUMENT",
                    "INVALID_ARGUMENT",
                    "The registration token is not a valid FCM registration token",
                    null);
        }
        if (token.startsWith("quota")) {
            return error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.", "30");
        }
        if (token.startsWith("internal")) {
            return error(500, "INTERNAL", "INTERNAL", "Internal error encountered.", null);
        }
        if (token.startsWith("unavailable")) {
            return error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.", "120");
        }
        return ok(token, n);
    }

    public static MockLowLevelHttpResponse ok(String token, int n) {
        return new MockLowLevelHttpResponse()
                .setStatusCode(200)
                .setContentType("application/json; charset=UTF-8")
                .setContent("{\"name\":\"projects/" + PROJECT + "/messages/" + Math.abs(token.hashCode()) + "-" + n
                        + "\"}");
    }

    public static MockLowLevelHttpResponse error(
            int status, String grpc, String fcm, String message, String retryAfter) {
        MockLowLevelHttpResponse response = new MockLowLevelHttpResponse()
                .setStatusCode(status)
                .setContentType("application/json; charset=UTF-8")
                .setContent("{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + grpc
                        + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                        + "\"errorCode\":\"" + fcm + "\"}]}}");
        if (retryAfter != null) {
            response.addHeader("Retry-After", retryAfter);
        }
        return response;
    }
}
