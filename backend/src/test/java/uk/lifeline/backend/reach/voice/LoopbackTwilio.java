package uk.lifeline.backend.reach.voice;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.http.HttpHost;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.impl.client.HttpClientBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Twilio's REST API at the edge of the world, on loopback: the backend's real Twilio client (the SDK's
 * NetworkHttpClient, as in production) is routed here instead of api.twilio.com, so each test sees the request
 * exactly as it goes on the wire (method, path, Basic auth, the form) and decides the answer. A loopback server
 * rather than a fake HttpClient, so the SDK's own request encoding and the no-retry client are both under test.
 */
final class LoopbackTwilio implements AutoCloseable {

    /** One request as it arrived. */
    record Captured(String method, String path, String host, String authorization, Map<String, List<String>> form) {
        String one(String name) {
            List<String> v = form.get(name);
            return v == null ? null : v.get(0);
        }
    }

    /** An answer to give: status and JSON body. */
    record Answer(int status, String json) {}

    final List<Captured> requests = new CopyOnWriteArrayList<>();
    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    final List<String> sids = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    LoopbackTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new Captured(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    form(new String(body, StandardCharsets.UTF_8))));
            Answer a = answers.poll();
            if (a == null) {
                String sid = newSid();
                sids.add(sid);
                a = new Answer(
                        201,
                        "{\"sid\": \"" + sid + "\", \"status\": \"queued\", \"direction\":" + " \"outbound-api\"}");
            }
            byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    static String newSid() {
        StringBuilder s = new StringBuilder("CA");
        for (int i = 0; i < 32; i++) {
            s.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return s.toString();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The backend's Twilio client, routed to this server. */
    @TestConfiguration
    static class Config {
        @Bean(destroyMethod = "close")
        LoopbackTwilio loopbackTwilio() throws IOException {
            return new LoopbackTwilio();
        }

        @Bean
        @Primary
        TwilioTransport loopbackTransport(LoopbackTwilio twilio) {
            return () -> HttpClientBuilder.create()
                    .setRoutePlanner((target, request, context) ->
                            new HttpRoute(new HttpHost("127.0.0.1", twilio.port(), "http")));
        }
    }
}
