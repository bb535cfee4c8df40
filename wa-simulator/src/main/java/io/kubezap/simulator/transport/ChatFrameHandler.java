package io.kubezap.simulator.transport;

import io.kubezap.simulator.stream.ChatSessions;
import io.kubezap.simulator.stream.ChatSocket;
import io.kubezap.simulator.stream.FrameListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Splits the binary WebSocket stream into WhatsApp frames: the first four bytes ever are the
 * {@code WA} prologue (the chat server decides whether it speaks it; a refusal is logged with the
 * bytes and the reason, and closes the connection), then each frame is a 3-byte big-endian length and its payload, possibly
 * spread over or packed into WebSocket messages. Empty frames are skipped: Cobalt 0.0.10 writes
 * a 6-byte header whose first three bytes read as one.
 */
final class ChatFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements ChatSocket {
    private static final Logger LOG = Logger.getLogger(ChatFrameHandler.class.getName());
    private static final int PROLOGUE_BYTES = 4;
    private static final int LENGTH_BYTES = 3;
    private static final int MAX_FRAME = 1 << 20;

    private final ChatSessions sessions;
    private ChannelHandlerContext context;
    private FrameListener listener;
    private ByteBuf pending;
    private boolean prologueSeen;

    ChatFrameHandler(ChatSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        this.pending = ctx.alloc().buffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.release();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof BinaryWebSocketFrame)) {
            return;
        }
        pending.writeBytes(frame.content());
        if (!prologueSeen && !readPrologue(ctx)) {
            return;
        }
        while (pending.readableBytes() >= LENGTH_BYTES) {
            var length = pending.getUnsignedMedium(pending.readerIndex());
            if (length > MAX_FRAME) {
                ctx.close();
                return;
            }
            if (pending.readableBytes() < LENGTH_BYTES + length) {
                break;
            }
            pending.skipBytes(LENGTH_BYTES);
            var payload = new byte[length];
            pending.readBytes(payload);
            if (length > 0) {
                listener.onFrame(payload);
            }
        }
        pending.discardReadBytes();
    }

    private boolean readPrologue(ChannelHandlerContext ctx) {
        if (pending.readableBytes() < PROLOGUE_BYTES) {
            return false;
        }
        var prologue = new byte[PROLOGUE_BYTES];
        pending.readBytes(prologue);
        try {
            listener = sessions.open(this, prologue);
        } catch (IllegalArgumentException refused) {
            LOG.warning(() -> "Refused prologue " + HexFormat.ofDelimiter(" ").formatHex(prologue) + " from "
                    + ctx.channel().remoteAddress() + ": " + refused.getMessage());
            ctx.close();
            return false;
        }
        prologueSeen = true;
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (listener != null) {
            listener.onClosed();
        } else if (pending.readableBytes() > 0 && !prologueSeen) {
            var partial = new byte[pending.readableBytes()];
            pending.getBytes(pending.readerIndex(), partial);
            LOG.warning(() -> "Connection from " + ctx.channel().remoteAddress() + " closed after an incomplete prologue "
                    + HexFormat.ofDelimiter(" ").formatHex(partial));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void send(byte[] payload) {
        var frame = Unpooled.buffer(LENGTH_BYTES + payload.length)
                .writeMedium(payload.length)
                .writeBytes(payload);
        context.writeAndFlush(new BinaryWebSocketFrame(frame));
    }

    /**
     * Resets the TCP connection, bypassing the pipeline so that neither a TLS close_notify nor a
     * WebSocket close frame is sent: the client sees a network failure, not a clean close.
     */
    @Override
    public void drop() {
        execute(() -> {
            var channel = context.channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.unsafe().close(channel.voidPromise());
        });
    }

    @Override
    public void execute(Runnable task) {
        context.executor().execute(task);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        context.executor().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(context.channel().remoteAddress());
    }
}
