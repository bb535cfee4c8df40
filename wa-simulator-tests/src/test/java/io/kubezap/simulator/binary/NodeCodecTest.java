package io.kubezap.simulator.binary;

import it.auties.whatsapp.io.BinaryDecoder;
import it.auties.whatsapp.io.BinaryEncoder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({"s.whatsapp.net,0", "lid,1", "hosted,128", "hosted.lid,129"})
    void aDeviceJidKeepsItsDomainAndWritesItAsWhatsAppDoes(String server, int domainByte) {
        var device = Jid.of("178803210012345", JidServer.of(server), 7, 0);
        var node = Node.of("receipt", Map.of("id", "3EB0AA", "participant", device));

        var encoded = v3.encode(node);
        var decoded = v3.decode(encoded).attributes().getRequiredJid("participant");

        assertThat(decoded.server().address()).as("domain read back").isEqualTo(server);
        assertThat(decoded.device()).isEqualTo(7);
        assertThat(decoded.user()).isEqualTo("178803210012345");
        assertThat(indexOf(encoded, new byte[]{(byte) 247, (byte) domainByte, 7})).as("AD_JID, domain, device bytes").isNotNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (var start = 0; start <= haystack.length - needle.length; start++) {
            for (var index = 0; index < needle.length; index++) {
                if (haystack[start + index] != needle[index]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
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
