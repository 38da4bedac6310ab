package uk.lifeline.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The backend's app-facing API as docs/app-protocol.md describes it, on a loopback port, for tests of the app's
 * client: it serves what the test sets and records every request. Thread-safe.
 */
public final class FakeBackend implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(
            String method, String path, String authorization, String body, String lastEventId, String idempotencyKey) {}

    private final HttpServer server;
    private final TestSupplier supplier;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> codes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> streamEvents = new LinkedBlockingQueue<>();
    private volatile int resultStatus = 200;
    private volatile int codesStatus = 200;
    private volatile boolean noticesMissing;
    private volatile boolean closed;
    private volatile boolean revoked;
    private volatile java.util.function.Supplier<String> keySets;
    private volatile String runOut = "{\"items\":[]}";

    public static final String TOKEN = "session-token-for-tests";
    public static final String ACTIVATION_CODE = "123456789017";

    public FakeBackend(TestSupplier supplier) throws IOException {
        this.supplier = supplier;
        this.keySets = supplier::keySet;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lists a released code under the id its envelope names (newest first: add the oldest first). */
    public void addCode(String status, String envelope) {
        addCode(TestSupplier.idOf(envelope), status, envelope);
    }

    /** Lists a code in {@code /api/v1/me/codes} (newest first: add the oldest first). */
    public void addCode(String id, String status, String envelope) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("status", status);
        if (envelope != null) {
            item.put("envelope", envelope);
        }
        codes.add(0, item);
    }

    public void addNotice(String envelope) {
        notices.add(envelope);
    }

    /** Sends one raw event on the open stream, e.g. {@code "event: code\ndata: {...}\n\n"}. */
    public void streamEvent(String raw) {
        streamEvents.add(raw);
    }

    /** Serves another key set, e.g. a rogue server's keys under its own anchor. */
    public void serveKeySet(java.util.function.Supplier<String> keySet) {
        keySets = keySet;
    }

    /** Whether the app unlinked itself ({@code DELETE /api/v1/me/sessions/current}). */
    /** What {@code GET /api/v1/me/run-out} answers, and (its first item) {@code POST /api/v1/me/meter-readings}. */
    public void serveRunOut(String json) {
        this.runOut = json;
    }

    /** A run-out item as the backend sends it; {@code earliest} null for no window. */
    public static String runOutItem(
            String meterId, java.time.Instant earliest, java.time.Instant latest, String basis, long availablePence) {
        return runOutItem(meterId, "gas", earliest, latest, basis, availablePence);
    }

    public static String runOutItem(
            String meterId,
            String fuel,
            java.time.Instant earliest,
            java.time.Instant latest,
            String basis,
            long availablePence) {
        return "{\"meterId\":\"" + meterId + "\",\"fuel\":\"" + fuel + "\",\"runOut\":{\"kind\":\""
                + (earliest == null ? "not-within-horizon" : "window") + "\""
                + (earliest == null ? "" : ",\"earliest\":\"" + earliest + "\"")
                + (latest == null ? "" : ",\"latest\":\"" + latest + "\"") + ",\"basis\":\"" + basis
                + "\",\"restsOn\":[]},\"availablePence\":" + availablePence + "}";
    }

    public boolean revoked() {
        return revoked;
    }

    public void answerResultsWith(int status) {
        resultStatus = status;
    }

    public void answerCodesWith(int status) {
        codesStatus = status;
    }

    public void withoutNotices() {
        noticesMissing = true;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    public List<Request> requests(String method, String pathStart) {
        List<Request> matching = new ArrayList<>();
        for (Request r : requests()) {
            if (r.method().equals(method) && r.path().startsWith(pathStart)) {
                matching.add(r);
            }
        }
        return matching;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        String query = x.getRequestURI().getRawQuery();
        String full = query == null ? path : path + "?" + query;
        requests.add(new Request(
                x.getRequestMethod(),
                full,
                x.getRequestHeaders().getFirst("Authorization"),
                read(x.getRequestBody()),
                x.getRequestHeaders().getFirst("Last-Event-ID"),
                x.getRequestHeaders().getFirst("Idempotency-Key")));
        if (path.equals("/.well-known/lifeline/keys/" + TestSupplier.SUPPLIER)) {
            sendKeySet(x, keySets.get());
        } else if (path.equals("/api/v1/activations") && x.getRequestMethod().equals("POST")) {
            activate(x);
        } else if (revoked || !("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 401, "{\"type\":\"about:blank\",\"status\":401,\"detail\":\"sign in\"}");
        } else if (path.equals("/api/v1/me/codes")) {
            codesPage(x, query);
        } else if (path.equals("/api/v1/me/notices")) {
            if (noticesMissing) {
                send(x, 404, "{\"status\":404}");
                return;
            }
            StringBuilder items = new StringBuilder();
            synchronized (notices) {
                for (String n : notices) {
                    items.append(items.length() == 0 ? "" : ",")
                            .append("{\"envelope\":\"")
                            .append(n)
                            .append("\"}");
                }
            }
            send(x, 200, "{\"items\":[" + items + "]}");
        } else if (path.startsWith("/api/v1/codes/") && path.endsWith("/result")) {
            send(x, resultStatus, resultStatus == 200 ? "{}" : "{\"status\":" + resultStatus + "}");
        } else if (path.equals("/api/v1/me/sessions/current")
                && x.getRequestMethod().equals("DELETE")) {
            revoked = true;
            x.sendResponseHeaders(204, -1);
            x.close();
        } else if (path.equals("/api/v1/me/run-out")) {
            send(x, 200, runOut);
        } else if (path.equals("/api/v1/me/meter-readings")
                && x.getRequestMethod().equals("POST")) {
            // The first (in the tests, the only) meter's item.
            send(x, 201, runOut.substring(runOut.indexOf('[') + 1, runOut.lastIndexOf(']')));
        } else if (path.equals("/api/v1/me/call-back") && x.getRequestMethod().equals("POST")) {
            x.sendResponseHeaders(201, -1);
            x.close();
        } else if (path.equals("/api/v1/me/stream")) {
            stream(x);
        } else {
            send(x, 404, "{\"status\":404}");
        }
    }

    private void activate(HttpExchange x) throws IOException {
        String body = requests.get(requests.size() - 1).body();
        if (!body.contains("\"activationCode\":\"" + ACTIVATION_CODE + "\"")) {
            send(x, 404, "{\"status\":404,\"detail\":\"no such activation code\"}");
            return;
        }
        send(
                x,
                200,
                "{\"accessToken\":\"" + TOKEN + "\",\"tokenType\":\"Bearer\",\"expiresIn\":15552000,"
                        + "\"customerId\":\"" + TestSupplier.CUSTOMER + "\",\"supplier\":{\"code\":\""
                        + TestSupplier.SUPPLIER
                        + "\",\"name\":\"Demo Energy\",\"phone\":\"0800 123 4567\"}}");
    }

    /** Pages of two, so tests see the cursor at work. */
    private void codesPage(HttpExchange x, String query) throws IOException {
        if (codesStatus != 200) {
            send(x, codesStatus, "{\"status\":" + codesStatus + "}");
            return;
        }
        int from = 0;
        if (query != null && query.contains("cursor=")) {
            from = Integer.parseInt(query.replaceAll(".*cursor=([0-9]+).*", "$1"));
        }
        List<Map<String, Object>> all;
        synchronized (codes) {
            all = new ArrayList<>(codes);
        }
        int to = Math.min(all.size(), from + 2);
        StringBuilder items = new StringBuilder();
        for (Map<String, Object> item : all.subList(from, to)) {
            items.append(items.length() == 0 ? "" : ",")
                    .append(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(item));
        }
        send(x, 200, "{\"items\":[" + items + "]" + (to < all.size() ? ",\"nextCursor\":\"" + to + "\"" : "") + "}");
    }

    private void stream(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream");
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = x.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closed) {
                String event = streamEvents.poll(100, TimeUnit.MILLISECONDS);
                // The real backend sends a keep-alive comment every 25 s; this one, every tenth of a second.
                out.write((event != null ? event : ": keep-alive\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sendKeySet(HttpExchange x, String jws) throws IOException {
        byte[] bytes = jws.getBytes(StandardCharsets.US_ASCII);
        x.getResponseHeaders().set("Content-Type", "application/jose");
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
