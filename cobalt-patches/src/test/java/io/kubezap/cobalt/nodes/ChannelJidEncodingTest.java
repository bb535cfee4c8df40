package io.kubezap.cobalt.nodes;

import it.auties.whatsapp.io.BinaryDecoder;
import it.auties.whatsapp.io.BinaryEncoder;
import it.auties.whatsapp.io.BinaryLength;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stanzas naming a channel ({@code …@newsletter}, a server that is no token of the dictionary) encode: Cobalt 0.0.10's
 * {@code BinaryLength} counts every JID's server as one byte, so its encoder overflows (alone) or, on the socket, writes
 * a truncated frame that breaks the connection — for the ack and receipt Cobalt sends for every channel message.
 */
class ChannelJidEncodingTest {
    private static final Jid CHANNEL = Jid.of("120363123456789012@newsletter");

    @Test
    void anAckToAChannelEncodesToItsComputedLengthAndDecodesBack() throws Exception {
        var ack = Node.of("ack", Map.of("id", "3EB0AB12", "to", CHANNEL, "class", "message"));
        var encoded = BinaryEncoder.encode(ack);
        assertThat(BinaryLength.sizeOf(ack)).isEqualTo(encoded.length);
        var decoded = BinaryDecoder.decode(new ByteArrayInputStream(encoded));
        assertThat(decoded.attributes().getRequiredJid("to")).isEqualTo(CHANNEL);
    }

    @Test
    void nestedNodesCompanionsAndTokensKeepTheirLengths() throws Exception {
        var request = Node.of("iq", Map.of("to", CHANNEL, "type", "get", "xmlns", "newsletter", "id", "1"),
                Node.of("messages", Map.of("jid", CHANNEL, "count", 10, "before", 120L, "device", Jid.of("5511999999999:3@s.whatsapp.net"))),
                Node.of("plaintext", Map.of("mediatype", "image"), new byte[300]),
                Node.of("reaction", Map.of("code", "😋")));
        var encoded = BinaryEncoder.encode(request);
        assertThat(BinaryLength.sizeOf(request)).isEqualTo(encoded.length);
        var decoded = BinaryDecoder.decode(new ByteArrayInputStream(encoded));
        assertThat(decoded.findChild("messages").orElseThrow().attributes().getRequiredJid("jid")).isEqualTo(CHANNEL);
        assertThat(decoded.findChild("plaintext").flatMap(Node::contentAsBytes).orElseThrow()).hasSize(300);
        assertThat(decoded.findChild("reaction").orElseThrow().attributes().getString("code")).isEqualTo("😋");
    }
}
