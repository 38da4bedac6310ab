import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;

/**
 * A stand-in for FCM on loopback, for load tests: answers the OAuth token exchange ({@code POST /token}) and
 * every {@code POST /v1/projects/{id}/messages:send} with success, on httpcore5's non-blocking server, over
 * HTTP/1.1 ({@code h1}) or HTTP/2 in clear text with prior knowledge ({@code h2}), only the one. The backend
 * reaches it through {@code lifeline.push.endpoint}; a path before {@code /v1} or {@code /token} (e.g. an
 * endpoint of {@code http://127.0.0.1:PORT/i2}) names the backend instance, so that messages are counted per
 * instance. {@code GET /count} on CONTROL_PORT (HTTP/1.1, the JDK's server) answers
 * "messages bytes [instance=messages ...]". Run with the JDK's source launcher and httpcore5 (and -h2) on the
 * class path:
 *
 * <pre>java -cp 'lib/*' backend/load/FakeFcmServer.java PORT h1|h2 CONTROL_PORT</pre>
 */
public final class FakeFcmServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean http2 = args[1].equals("h2");
        AtomicLong messages = new AtomicLong();
        LongAdder bytes = new LongAdder();
        Map<String, LongAdder> byInstance = new ConcurrentHashMap<>();

        AsyncServerRequestHandler<Message<HttpRequest, byte[]>> fcm = new AsyncServerRequestHandler<>() {
            @Override
            public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(
                    HttpRequest request, EntityDetails entity, HttpContext context) {
                return new BasicRequestConsumer<>(entity == null ? null : new BasicAsyncEntityConsumer());
            }

            @Override
            public void handle(Message<HttpRequest, byte[]> message, ResponseTrigger trigger, HttpContext context)
                    throws org.apache.hc.core5.http.HttpException, IOException {
                String path = message.getHead().getPath();
                int status = 200;
                String answer;
                if (path.endsWith("/token")) {
                    answer = "{\"access_token\":\"fake-access-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
                } else if (path.endsWith("/messages:send") && message.getHead().getMethod().equals("POST")) {
                    long n = messages.incrementAndGet();
                    bytes.add(message.getBody() == null ? 0 : message.getBody().length);
                    int v1 = path.indexOf("/v1/");
                    byInstance.computeIfAbsent(v1 <= 0 ? "-" : path.substring(1, v1), k -> new LongAdder())
                            .increment();
                    answer = "{\"name\":\"projects/bench/messages/" + n + "\"}";
                } else {
                    status = 404;
                    answer = "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}";
                }
                trigger.submitResponse(AsyncResponseBuilder.create(status)
                        .setEntity(answer, ContentType.APPLICATION_JSON).build(), context);
            }
        };
        HttpAsyncServer server = H2ServerBootstrap.bootstrap()
                .setVersionPolicy(http2 ? HttpVersionPolicy.FORCE_HTTP_2 : HttpVersionPolicy.FORCE_HTTP_1)
                // Any authority: the requests were meant for Google's hosts.
                .setRequestRouter((request, context) -> () -> new BasicServerExchangeHandler<>(fcm))
                .create();
        server.start();
        server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), URIScheme.HTTP).get();

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[2])), 16);
        control.createContext("/count", x -> {
            StringBuilder answer = new StringBuilder(messages.get() + " " + bytes.sum());
            new TreeMap<>(byInstance).forEach((k, v) -> answer.append(' ').append(k).append('=').append(v.sum()));
            byte[] out = answer.toString().getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        });
        control.start();
        System.out.println("fake FCM on http://127.0.0.1:" + port + " (" + (http2 ? "HTTP/2, h2c" : "HTTP/1.1")
                + "), counts on http://127.0.0.1:" + args[2] + "/count");
    }
}
