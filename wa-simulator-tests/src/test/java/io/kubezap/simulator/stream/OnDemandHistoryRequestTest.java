package io.kubezap.simulator.stream;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A companion's on-demand history request as its phone reads it. Baileys (6.17 and 7) sends it, as every message to one
 * of its own account's devices, wrapped in a {@code deviceSentMessage} naming the account as the destination; WhatsApp's
 * phone reads the message inside, as it does for any copy from its companions.
 */
class OnDemandHistoryRequestTest {
    private static final String CHAT = "5511980000001@s.whatsapp.net";

    @Test
    void aBareRequestNamesTheChatTheOldestMessageAndTheCount() {
        assertThat(HistorySender.OnDemandRequest.parse(request()))
                .contains(new HistorySender.OnDemandRequest(CHAT, "3EB0OLDEST", 10));
    }

    @Test
    void aRequestInsideADeviceSentMessageIsReadAsTheSame() {
        var wrapped = new ProtobufWriter().message(31, new ProtobufWriter().string(1, "5511999990001@s.whatsapp.net")
                .bytes(2, request())).toByteArray();
        assertThat(HistorySender.OnDemandRequest.parse(wrapped))
                .as("Baileys' request, wrapped as its copies to its own devices are")
                .contains(new HistorySender.OnDemandRequest(CHAT, "3EB0OLDEST", 10));
    }

    @Test
    void anotherPeerMessageIsNoRequest() {
        var keyRequest = new ProtobufWriter().message(12, new ProtobufWriter().uint32(2, 7)).toByteArray();
        assertThat(HistorySender.OnDemandRequest.parse(keyRequest)).isEmpty();
    }

    /** {@code protocolMessage} (12) of type 16 holding a {@code peerDataOperationRequestMessage} (16) of type 3. */
    private static byte[] request() {
        var onDemand = new ProtobufWriter().string(1, CHAT).string(2, "3EB0OLDEST").uint32(3, 0).uint32(4, 10)
                .uint64(5, 1_760_000_000_000L);
        var operation = new ProtobufWriter().uint32(1, 3).message(4, onDemand);
        return new ProtobufWriter().message(12, new ProtobufWriter().uint32(2, 16).message(16, operation)).toByteArray();
    }
}
