package uk.lifeline.backend.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
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
import org.apache.hc.core5.io.CloseMode;

/**
 * Google at the edge of the world, on loopback: an HTTP server (httpcore5's, in clear text, taking only the one
 * protocol it is made for, HTTP/1.1 or HTTP/2) that answers the OAuth token exchange and FCM's
 * {@code messages:send}, and records each request as it arrived, with the protocol it came over.
 */
final class LoopbackFcmServer implements AutoCloseable {

    static final String ACCESS_TOKEN = "loopback-access-token";

    /** One request as it arrived. */
    record Received(String protocol, String method, String path, String authorization, String body) {}

    final List<Received> requests = new CopyOnWriteArrayList<>();
    private final HttpAsyncServer server;
    private final int port;

    /** @param http2 HTTP/2 only (h2c with prior knowledge), else HTTP/1.1 only */
    LoopbackFcmServer(boolean http2) throws InterruptedException, ExecutionException {
        server = H2ServerBootstrap.bootstrap()
                .setVersionPolicy(http2 ? HttpVersionPolicy.FORCE_HTTP_2 : HttpVersionPolicy.FORCE_HTTP_1)
                // Any authority: requests meant for Google's hosts arrive here.
                .setRequestRouter((request, context) -> () -> new BasicServerExchangeHandler<>(new Handler()))
                .create();
        server.start();
        port = ((InetSocketAddress)
                        server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), URIScheme.HTTP)
                                .get()
                                .getAddress())
                .getPort();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.close(CloseMode.IMMEDIATE);
    }

    private final class Handler implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {
        @Override
        public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(
                HttpRequest request, EntityDetails entity, HttpContext context) {
            return new BasicRequestConsumer<>(entity == null ? null : new BasicAsyncEntityConsumer());
        }

        @Override
        public void handle(Message<HttpRequest, byte[]> message, ResponseTrigger trigger, HttpContext context)
                throws org.apache.hc.core5.http.HttpException, java.io.IOException {
            HttpRequest request = message.getHead();
            String path = request.getPath();
            requests.add(new Received(
                    context.getProtocolVersion().format(),
                    request.getMethod(),
                    path,
                    request.getFirstHeader("Authorization") == null
                            ? null
                            : request.getFirstHeader("Authorization").getValue(),
                    message.getBody() == null ? "" : new String(message.getBody(), StandardCharsets.UTF_8)));
            int status = 200;
            String answer;
            if (path.endsWith("/token")) {
                answer = "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
            } else if (path.endsWith("/messages:send")) {
                answer = "{\"name\":\"projects/" + FakeFcm.PROJECT + "/messages/" + requests.size() + "\"}";
            } else {
                status = 404;
                answer = "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}";
            }
            trigger.submitResponse(
                    AsyncResponseBuilder.create(status)
                            .setEntity(answer, ContentType.APPLICATION_JSON)
                            .build(),
                    context);
        }
    }
}
