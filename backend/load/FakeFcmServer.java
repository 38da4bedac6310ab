import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for FCM on loopback, for load tests: answers the OAuth token exchange ({@code POST /token}) and
 * every {@code POST /v1/projects/{id}/messages:send} with success, counting messages ({@code GET /count}).
 * The backend reaches it through {@code lifeline.push.endpoint}. Run with the JDK's source launcher:
 *
 * <pre>java backend/load/FakeFcmServer.java PORT</pre>
 */
public final class FakeFcmServer {

    public static void main(String[] args) throws IOException {
        AtomicLong messages = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", x -> {
            long read = drain(x.getRequestBody());
            String path = x.getRequestURI().getPath();
            if (path.equals("/token")) {
                send(x, 200, "{\"access_token\":\"fake-access-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            } else if (path.endsWith("/messages:send") && x.getRequestMethod().equals("POST")) {
                long n = messages.incrementAndGet();
                bytes.addAndGet(read);
                send(x, 200, "{\"name\":\"projects/bench/messages/" + n + "\"}");
            } else if (path.equals("/count")) {
                send(x, 200, messages.get() + " " + bytes.get());
            } else {
                send(x, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
            }
        });
        server.start();
        System.out.println("fake FCM on http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        x.sendResponseHeaders(status, out.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(out);
        }
    }
}
