package io.kubezap.simulator.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/**
 * Plain HTTPS requests inside the tunnel. {@code GET /} gets a page carrying
 * {@code "client_revision"}, the marker clients (Cobalt's {@code AppMetadata}) read the current
 * web version from; anything else but the chat WebSocket is 404.
 */
final class WebPageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final long clientRevision;

    WebPageHandler(long clientRevision) {
        this.clientRevision = clientRevision;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        var home = HttpMethod.GET.equals(request.method()) && "/".equals(request.uri());
        var body = home
                ? "<!DOCTYPE html><html><head><title>WhatsApp (kubezap wa-simulator)</title><script>window.__config={\"client_revision\":" + clientRevision + "}</script></head><body></body></html>"
                : "";
        var response = new DefaultFullHttpResponse(request.protocolVersion(),
                home ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
