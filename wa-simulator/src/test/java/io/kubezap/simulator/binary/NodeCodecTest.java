package io.kubezap.simulator.binary;

import it.auties.whatsapp.io.BinaryDecoder;
import it.auties.whatsapp.io.BinaryEncoder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our codec with the dictionary-3 tables reads what Cobalt's encoder writes and writes what Cobalt's decoder reads. */
class NodeCodecTest {
    private final NodeCodec v3 = new NodeCodec(NodeDictionary.version(3).orElseThrow());
    private final NodeCodec v2 = new NodeCodec(NodeDictionary.version(2).orElseThrow());

    private static Node sample() {
        return Node.of("message", Map.of("id", "3EB0ABCDEF0123456789", "from", Jid.of("5511999990001", JidServer.whatsapp()),
                        "participant", Jid.of("5511999990001", JidServer.whatsapp(), 3, 0), "type", "text", "t", "1763800000",
                        "notify", "Loja do Centro"),
                Node.of("enc", Map.of("v", "2", "type", "pkmsg"), new byte[]{1, 2, 3, (byte) 0xFF}),
                Node.of("device-identity", new byte[300]),
                Node.of("offline_batch", Map.of("count", "100")));
    }

    @Test
    void readsWhatCobaltWrites() {
        var decoded = v3.decode(BinaryEncoder.encode(sample()));

        assertSame(decoded, sample());
    }

    @Test
    void writesWhatCobaltReads() {
        var decoded = BinaryDecoder.decode(new ByteArrayInputStream(v3.encode(sample())));

        assertSame(decoded, sample());
    }

    @Test
    void dictionary2RoundTripsAndEncodesTokensDifferently() {
        var node = sample();

        assertSame(v2.decode(v2.encode(node)), node);
        assertThat(v2.encode(node)).isNotEqualTo(v3.encode(node));
    }

    private static void assertSame(Node actual, Node expected) {
        assertThat(actual.description()).isEqualTo(expected.description());
        assertThat(actual.attributes().toMap()).hasSameSizeAs(expected.attributes().toMap());
        expected.attributes().toMap().forEach((key, value) ->
                assertThat(String.valueOf(actual.attributes().toMap().get(key))).as(key).isEqualTo(String.valueOf(value)));
        assertThat(actual.children()).hasSameSizeAs(expected.children());
        for (var index = 0; index < expected.children().size(); index++) {
            var expectedChild = expected.children().get(index);
            var actualChild = actual.children().get(index);
            assertThat(actualChild.description()).isEqualTo(expectedChild.description());
            assertThat(actualChild.attributes().toMap().keySet()).isEqualTo(expectedChild.attributes().toMap().keySet());
            assertThat(actualChild.contentAsBytes().orElse(null)).isEqualTo(expectedChild.contentAsBytes().orElse(null));
        }
    }
}
