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
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Plain HTTPS requests inside the tunnel, where clients learn the current WhatsApp Web version: {@code GET /} gets a
 * page carrying {@code "client_revision":<n>} (Cobalt's {@code AppMetadata} reads it there), {@code GET /sw.js} the
 * service worker, whose data carries it as an escaped JSON string, {@code \"client_revision\":<n>} (where Baileys'
 * {@code fetchLatestWaWebVersion} and kubezap read it). Anything else but the chat WebSocket is 404.
 */
final class WebPageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final LongSupplier clientRevision;

    WebPageHandler(LongSupplier clientRevision) {
        this.clientRevision = clientRevision;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        var path = new QueryStringDecoder(request.uri()).path();
        var get = HttpMethod.GET.equals(request.method());
        var revision = clientRevision.getAsLong();
        if (get && "/".equals(path)) {
            respond(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>WhatsApp (kubezap wa-simulator)</title><script>window.__config={\"client_revision\":"
                            + revision + "}</script></head><body></body></html>");
        } else if (get && "/sw.js".equals(path)) {
            respond(ctx, request, HttpResponseStatus.OK, "application/javascript; charset=utf-8",
                    "self.__swData=JSON.parse(\"{\\\"dynamic_data\\\":{\\\"SiteData\\\":{\\\"server_revision\\\":" + revision
                            + ",\\\"client_revision\\\":" + revision + "}}}\");\nself.addEventListener(\"fetch\",function(){});\n");
        } else {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/html; charset=utf-8", "");
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String contentType, String body) {
        var response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
