package uk.lifeline.app.delivery;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.credit.MeterCredit;
import uk.lifeline.app.entry.EntryOutcome;

/**
 * The app's only way to the backend, over {@link HttpURLConnection} (the same on the JVM and on Android), so the
 * backend's tests can run it against the real service. Every path and member name is in docs/app-protocol.md.
 * Calls block: run them off the main thread. Thread-safe.
 */
public final class LifelineClient {

    static final int CONNECT_TIMEOUT_MS = 15_000;
    static final int READ_TIMEOUT_MS = 30_000;
    /** The server sends a comment at least every 25 s; silence longer than this means the stream is dead. */
    static final int STREAM_READ_TIMEOUT_MS = 60_000;

    private static final String USER_AGENT = "Lifeline-Android/0.1";

    private final String server;
    private final Supplier<String> token;

    /**
     * @param server the backend's base URL, e.g. {@code http://10.0.2.2:8080}
     * @param token the session token to send, or null before activation
     */
    public LifelineClient(String server, Supplier<String> token) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
    }

    public String server() {
        return server;
    }

    /** Links this app to the account an activation code was made for: {@code POST /api/v1/activations}. */
    public Session activate(String activationCode, String deviceName, Clock clock) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activationCode", activationCode);
        body.put("deviceName", deviceName);
        body.put("platform", "android");
        Map<String, Object> answer = Json.parse(send("POST", "/api/v1/activations", Json.write(body), false));
        try {
            Map<String, Object> supplier = Json.object(answer, "supplier");
            return new Session(
                    server,
                    Json.text(answer, "accessToken"),
                    Instant.now(clock).plusSeconds(Json.number(answer, "expiresIn")),
                    Json.text(answer, "customerId"),
                    Json.text(supplier, "code"),
                    Json.text(supplier, "name"),
                    Json.text(supplier, "phone"));
        } catch (IllegalArgumentException e) {
            throw new IOException("the activation answer is not as docs/app-protocol.md says: " + e.getMessage(), e);
        }
    }

    /** One page of the customer's codes, newest first: {@code GET /api/v1/me/codes}. */
    public CodesPage myCodes(String cursor, int limit) throws IOException {
        String query = "?limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, "UTF-8"));
        try {
            return CodesPage.parse(send("GET", "/api/v1/me/codes" + query, null, true));
        } catch (IllegalArgumentException e) {
            throw new IOException("GET /api/v1/me/codes: " + e.getMessage(), e);
        }
    }

    /** Notices in force for the customer, as envelopes: {@code GET /api/v1/me/notices}. */
    public List<String> myNotices() throws IOException {
        try {
            List<String> envelopes = new ArrayList<>();
            for (Map<String, Object> item :
                    Json.objects(Json.parse(send("GET", "/api/v1/me/notices", null, true)), "items")) {
                envelopes.add(Json.text(item, "envelope"));
            }
            return envelopes;
        } catch (IllegalArgumentException e) {
            throw new IOException("GET /api/v1/me/notices: " + e.getMessage(), e);
        }
    }

    /**
     * What the meter showed: {@code POST /api/v1/codes/{id}/result}, with the result's own id as its
     * {@code Idempotency-Key}, the same on every retry (docs/app-protocol.md).
     */
    public void postResult(String codeId, EntryOutcome outcome, String resultId) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome.reportedOutcome());
        if (outcome.reportedReason() != null) {
            body.put("reason", outcome.reportedReason());
        }
        send(
                "POST",
                "/api/v1/codes/" + URLEncoder.encode(codeId, "UTF-8") + "/result",
                Json.write(body),
                true,
                resultId);
    }

    /** The run-out window of each of the customer's meters without the WAN: {@code GET /api/v1/me/run-out}. */
    public List<MeterCredit> myRunOut() throws IOException {
        try {
            List<MeterCredit> out = new ArrayList<>();
            for (Map<String, Object> item :
                    Json.objects(Json.parse(send("GET", "/api/v1/me/run-out", null, true)), "items")) {
                out.add(MeterCredit.of(item));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new IOException("GET /api/v1/me/run-out: " + e.getMessage(), e);
        }
    }

    /** What the meter's display shows, in pounds: {@code POST /api/v1/me/meter-readings}; its new window back. */
    public MeterCredit reportBalance(String meterId, String pounds) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", meterId);
        body.put("balance", pounds);
        try {
            return MeterCredit.of(Json.parse(send("POST", "/api/v1/me/meter-readings", Json.write(body), true)));
        } catch (IllegalArgumentException e) {
            throw new IOException("POST /api/v1/me/meter-readings: " + e.getMessage(), e);
        }
    }

    /** No supply: a call back on the call centre's list, {@code POST /api/v1/me/call-back}. */
    public void askForCallBack(String meterId, String note) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (meterId != null) {
            body.put("meterId", meterId);
        }
        if (note != null) {
            body.put("note", note);
        }
        send("POST", "/api/v1/me/call-back", Json.write(body), true);
    }

    /**
     * Unlinks this phone: the backend revokes the session it was called with ({@code DELETE
     * /api/v1/me/sessions/current}, answered {@code 204}).
     */
    public void unlink() throws IOException {
        send("DELETE", "/api/v1/me/sessions/current", null, true);
    }

    /**
     * The supplier's envelope key set, signed by its trust anchor (a compact JWS):
     * {@code GET /.well-known/lifeline/keys/{supplier}}.
     */
    public String envelopeKeys(String supplier) throws IOException {
        return send("GET", "/.well-known/lifeline/keys/" + URLEncoder.encode(supplier, "UTF-8"), null, false);
    }

    /**
     * An open {@code text/event-stream}; {@link #next} blocks until an event. The server sends a comment line at
     * least every 25 seconds, and the stream checks after every line whether it has been closed.
     */
    public static final class EventStream implements Closeable {
        private final HttpURLConnection connection;
        private final BufferedReader reader;
        private final EventStreamParser parser = new EventStreamParser();
        private volatile boolean closed;
        private volatile boolean reading;

        EventStream(HttpURLConnection connection) throws IOException {
            this.connection = connection;
            this.reader =
                    new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
        }

        /** The next event, or null when the server ended the stream or it was closed. */
        public ServerSentEvent next() throws IOException {
            reading = true;
            try {
                String line;
                while (!closed && (line = reader.readLine()) != null) {
                    ServerSentEvent event = parser.line(line);
                    if (event != null) {
                        return closed ? null : event;
                    }
                }
                return null;
            } finally {
                reading = false;
                if (closed) {
                    connection.disconnect();
                }
            }
        }

        /** The last event id, for {@code Last-Event-ID} when reconnecting. */
        public String lastId() {
            return parser.lastId();
        }

        /**
         * Ends the stream without waiting. While another thread waits in {@link #next}, that thread disconnects at
         * the server's next line: HttpURLConnection cannot close a response under a read without waiting for it.
         */
        @Override
        public void close() {
            closed = true;
            if (!reading) {
                connection.disconnect();
            }
        }
    }

    /** Opens the customer's live stream: {@code GET /api/v1/me/stream}. */
    public EventStream openStream(String lastEventId) throws IOException {
        HttpURLConnection c = open("GET", "/api/v1/me/stream", true);
        c.setReadTimeout(STREAM_READ_TIMEOUT_MS);
        c.setRequestProperty("Accept", "text/event-stream");
        if (lastEventId != null) {
            c.setRequestProperty("Last-Event-ID", lastEventId);
        }
        int status = c.getResponseCode();
        if (status != 200) {
            String detail = read(c.getErrorStream());
            c.disconnect();
            throw new HttpStatusException("GET", "/api/v1/me/stream", status, detail);
        }
        return new EventStream(c);
    }

    private String send(String method, String path, String json, boolean authorised) throws IOException {
        return send(method, path, json, authorised, null);
    }

    private String send(String method, String path, String json, boolean authorised, String idempotencyKey)
            throws IOException {
        HttpURLConnection c = open(method, path, authorised);
        try {
            c.setRequestProperty("Accept", "application/json, application/jose");
            if (idempotencyKey != null) {
                c.setRequestProperty("Idempotency-Key", idempotencyKey);
            }
            if (json != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                c.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            if (status / 100 != 2) {
                throw new HttpStatusException(method, path, status, read(c.getErrorStream()));
            }
            return read(c.getInputStream());
        } finally {
            c.disconnect();
        }
    }

    private HttpURLConnection open(String method, String path, boolean authorised) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server + path).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.setUseCaches(false);
        c.setRequestProperty("User-Agent", USER_AGENT);
        if (authorised) {
            String t = token.get();
            if (t == null) {
                throw new IOException("not activated: no session token for " + method + " " + path);
            }
            c.setRequestProperty("Authorization", "Bearer " + t);
        }
        return c;
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return null;
        }
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = stream.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
