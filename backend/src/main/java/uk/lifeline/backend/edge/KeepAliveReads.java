package uk.lifeline.backend.edge;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Asks the connection for its next request once a response has gone out. Reactor Netty 1.2.18 reads an HTTP/1.1
 * connection on demand and can forget to ask again: when a kept-alive request arrives before the previous answer
 * has finished, is queued, and is then answered at once (a 401 or 404 with no database work), the queue empties
 * without a read being requested, and the client's next request on that connection waits until it gives up
 * (reactor/reactor-netty#4361, fixed after the last 1.2 release served here). CI lost a test to it (a token request
 * after a quick 404 waited its full 30 s). One extra read per response costs nothing when a read is already
 * pending.
 */
@Component
class KeepAliveReads implements NettyServerCustomizer {

    static final String HANDLER_NAME = "lifeline.keepAliveReads";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            // Beside the traffic handler, where a response is still HTTP objects, not yet bytes.
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
                channel.pipeline()
                        .addAfter(NettyPipeline.HttpTrafficHandler, HANDLER_NAME, ReadAfterLastContent.INSTANCE);
            }
        });
    }

    /** Stateless, so one instance serves every connection. */
    @ChannelHandler.Sharable
    static final class ReadAfterLastContent extends ChannelOutboundHandlerAdapter {

        static final ReadAfterLastContent INSTANCE = new ReadAfterLastContent();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!(msg instanceof LastHttpContent)) {
                ctx.write(msg, promise);
                return;
            }
            ChannelPromise sent = promise.unvoid();
            sent.addListener(f -> {
                if (f.isSuccess() && ctx.channel().isActive()) {
                    ctx.read();
                }
            });
            ctx.write(msg, sent);
        }
    }
}
