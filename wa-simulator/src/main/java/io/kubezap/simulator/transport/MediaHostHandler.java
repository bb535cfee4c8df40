package io.kubezap.simulator.transport;

import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaHostException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;

import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * HTTPS inside a tunnel to {@code mmg.whatsapp.net}: uploads ({@code POST /mms/…}, answered with
 * the JSON the real host answers) and downloads ({@code GET} of a direct path).
 */
final class MediaHostHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(MediaHostHandler.class.getName());

    private final MediaHost host;

    MediaHostHandler(MediaHost host) {
        this.host = host;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            if (HttpMethod.POST.equals(request.method())) {
                var upload = host.upload(request.uri(), ByteBufUtil.getBytes(request.content()));
                var json = "{\"url\":\"" + upload.url() + "\",\"direct_path\":\"" + upload.directPath() + "\""
                        + (upload.handle() == null ? "" : ",\"handle\":\"" + upload.handle() + "\"") + "}";
                respond(ctx, request, HttpResponseStatus.OK, "application/json", json.getBytes(StandardCharsets.UTF_8));
            } else if (HttpMethod.GET.equals(request.method())) {
                respond(ctx, request, HttpResponseStatus.OK, "application/octet-stream", host.download(request.uri()));
            } else {
                throw new MediaHostException(405, request.method() + " is not supported");
            }
        } catch (MediaHostException | IllegalArgumentException exception) {
            var status = exception instanceof MediaHostException refused ? refused.status() : 400;
            LOG.warning(() -> "Media host refused " + request.method() + " " + request.uri() + ": " + status + " " + exception.getMessage());
            var json = "{\"status\":" + status + ",\"error\":\"" + exception.getMessage().replace("\"", "'") + "\"}";
            respond(ctx, request, HttpResponseStatus.valueOf(status), "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String contentType, byte[] body) {
        var response = new DefaultFullHttpResponse(request.protocolVersion(), status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        var keepAlive = HttpUtil.isKeepAlive(request) && status.code() < 400;
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpContentException) {
            LOG.warning("Media host refused an upload larger than it accepts");
        }
        ctx.close();
    }
}
