package io.kubezap.simulator.transport;

import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.stream.ChatSessions;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;

import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The proxy's first exchange: an HTTP {@code CONNECT} to one of the impersonated hosts. Instead
 * of opening a tunnel to the real host the simulator terminates TLS itself, then serves the
 * WhatsApp WebSocket on the same connection (or, for the media host, its HTTPS endpoints). Any
 * other request is refused.
 */
final class ConnectTunnelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String CHAT_PATH = "/ws/chat";
    private static final int MAX_HTTP_MESSAGE = 64 * 1024;
    private static final int MAX_WEBSOCKET_MESSAGE = 1 << 21;
    /** The largest media upload accepted (WhatsApp's own document limit is 2 GB; the simulator keeps blobs in memory). */
    static final int MAX_MEDIA_UPLOAD = 256 << 20;

    private final Set<String> tunnelledAuthorities;
    private final SslContext tls;
    private final ChatSessions sessions;
    private final BooleanSupplier reachable;
    private final LongSupplier clientRevision;
    private final MediaHost mediaHost;

    ConnectTunnelHandler(Set<String> tunnelledAuthorities, SslContext tls, ChatSessions sessions,
                         BooleanSupplier reachable, LongSupplier clientRevision, MediaHost mediaHost) {
        this.tunnelledAuthorities = tunnelledAuthorities;
        this.tls = tls;
        this.sessions = sessions;
        this.reachable = reachable;
        this.clientRevision = clientRevision;
        this.mediaHost = mediaHost;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.CONNECT.equals(request.method())) {
            refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED);
            return;
        }
        var authority = request.uri().toLowerCase();
        if (!tunnelledAuthorities.contains(authority)) {
            refuse(ctx, HttpResponseStatus.FORBIDDEN);
            return;
        }
        if (!reachable.getAsBoolean()) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        var established = new DefaultFullHttpResponse(request.protocolVersion(), new HttpResponseStatus(200, "Connection established"));
        ctx.writeAndFlush(established).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                ctx.close();
                return;
            }
            if (authority.startsWith(MediaHost.HOST + ":")) {
                switchToMediaHost(ctx.pipeline());
            } else {
                switchToWebSocket(ctx.pipeline());
            }
            ctx.channel().config().setAutoRead(true);
        });
    }

    private void switchToMediaHost(ChannelPipeline pipeline) {
        removeConnectHandlers(pipeline);
        pipeline.addLast(tls.newHandler(pipeline.channel().alloc()),
                new HttpServerCodec(),
                new HttpObjectAggregator(MAX_MEDIA_UPLOAD),
                new MediaHostHandler(mediaHost));
    }

    private void removeConnectHandlers(ChannelPipeline pipeline) {
        pipeline.remove(HttpObjectAggregator.class);
        pipeline.remove(HttpServerCodec.class);
        pipeline.remove(this);
    }

    private void switchToWebSocket(ChannelPipeline pipeline) {
        removeConnectHandlers(pipeline);
        var webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(CHAT_PATH)
                .maxFramePayloadLength(MAX_WEBSOCKET_MESSAGE)
                .build();
        pipeline.addLast(tls.newHandler(pipeline.channel().alloc()),
                new HttpServerCodec(),
                new HttpObjectAggregator(MAX_HTTP_MESSAGE),
                new WebSocketServerProtocolHandler(webSocket),
                new WebSocketFrameAggregator(MAX_WEBSOCKET_MESSAGE),
                new WebPageHandler(clientRevision),
                new ChatFrameHandler(sessions));
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
        var response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
