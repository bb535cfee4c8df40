package io.kubezap.simulator.transport;

import io.kubezap.simulator.stream.FrameListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatFrameHandlerTest {
    private final List<byte[]> frames = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChatFrameHandler((socket, prologue) -> {
        if (prologue[0] != 'W' || prologue[1] != 'A') {
            throw new IllegalArgumentException("not a WhatsApp prologue");
        }
        return new FrameListener() {
            @Override
            public void onFrame(byte[] payload) {
                frames.add(payload);
            }

            @Override
            public void onClosed() {
            }
        };
    }));

    @Test
    void readsFramesAfterThePrologueAcrossAndWithinWebSocketMessages() {
        channel.writeInbound(message(new byte[]{'W', 'A', 6, 3, 0, 0, 3, 1, 2}));
        channel.writeInbound(message(new byte[]{3, 0, 0, 1, 9, 0, 0}));
        channel.writeInbound(message(new byte[]{2, 7, 7}));

        assertThat(frames).containsExactly(new byte[]{1, 2, 3}, new byte[]{9}, new byte[]{7, 7});
    }

    @Test
    void skipsTheEmptyFrameCobaltsSixByteHeaderProduces() {
        channel.writeInbound(message(new byte[]{'W', 'A', 6, 3, 0, 0, 0, 0, 0, 2, 4, 5}));

        assertThat(frames).containsExactly(new byte[]{4, 5});
    }

    @Test
    void closesTheConnectionOnAWrongPrologue() {
        channel.writeInbound(message(new byte[]{'X', 'X', 6, 3, 0, 0, 1, 1}));

        assertThat(frames).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void prefixesOutgoingFramesWithTheirLength() {
        var handler = channel.pipeline().get(ChatFrameHandler.class);

        handler.send(new byte[]{5, 6, 7});

        BinaryWebSocketFrame written = channel.readOutbound();
        assertThat(bytes(written.content())).containsExactly(0, 0, 3, 5, 6, 7);
        written.release();
    }

    private static BinaryWebSocketFrame message(byte[] bytes) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }

    private static byte[] bytes(ByteBuf buffer) {
        var result = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), result);
        return result;
    }
}
