package io.kubezap.simulator.noise;

import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.kubezap.simulator.binary.NodeCodec;
import io.kubezap.simulator.binary.NodeDictionary;
import it.auties.whatsapp.io.BinaryDecoder;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Clients announcing dictionary 2 or 3 in their prologue each get nodes in that dictionary; others are refused and logged. */
@Timeout(120)
class PrologueTest {
    @TempDir
    static Path directory;
    private static WaSimulator simulator;
    private static final java.util.List<String> warnings = new CopyOnWriteArrayList<>();
    /** Held here: the log manager keeps loggers weakly, and a collected one would take the recorder with it. */
    private static final Logger FRAME_HANDLER_LOG = Logger.getLogger("io.kubezap.simulator.transport.ChatFrameHandler");
    private static final Handler RECORDER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        simulator = WaSimulator.start(SimulatorSettings.ephemeral(directory.resolve("truststore.p12")));
        FRAME_HANDLER_LOG.addHandler(RECORDER);
    }

    @AfterAll
    static void stop() {
        FRAME_HANDLER_LOG.removeHandler(RECORDER);
        simulator.close();
    }

    @Test
    void aDictionary2ClientExchangesNodesEncodedWithDictionary2() throws Exception {
        var v2 = new NodeCodec(NodeDictionary.version(2).orElseThrow());
        try (var client = RawWebClient.connect(simulator, new byte[]{'W', 'A', 6, 2})) {
            assertThat(client.handshake(RawWebClient.pairingPayload())).isTrue();

            var pairDevice = client.nextNode(30);
            var decoded = v2.decode(pairDevice);
            assertThat(decoded.description()).isEqualTo("iq");
            assertThat(decoded.findChild("pair-device").orElseThrow().listChildren("ref")).hasSize(6);
            // the same bytes do not read as that node with dictionary 3: the server really used 2
            var asV3 = catchThrowable(() -> BinaryDecoder.decode(new ByteArrayInputStream(pairDevice)));
            assertThat(asV3 != null || !"iq".equals(BinaryDecoder.decode(new ByteArrayInputStream(pairDevice)).description())).isTrue();

            assertPingAnswered(client, v2);
        }
        assertThat(simulator.chatServer().sessions()).anySatisfy(session -> assertThat(session.dictionaryVersion()).isEqualTo(2));
    }

    @Test
    void aDictionary3ClientExchangesNodesCobaltReads() throws Exception {
        var v3 = new NodeCodec(NodeDictionary.version(3).orElseThrow());
        try (var client = RawWebClient.connect(simulator, new byte[]{'W', 'A', 6, 3})) {
            assertThat(client.handshake(RawWebClient.pairingPayload())).isTrue();

            var pairDevice = BinaryDecoder.decode(new ByteArrayInputStream(client.nextNode(30)));
            assertThat(pairDevice.findChild("pair-device").orElseThrow().listChildren("ref")).hasSize(6);

            assertPingAnswered(client, v3);
        }
    }

    @Test
    void anUnknownDictionaryIsRefusedAndLoggedWithItsBytesAndReason() throws Exception {
        try (var client = RawWebClient.connect(simulator, new byte[]{'W', 'A', 6, 9})) {
            assertThat(client.handshake(RawWebClient.pairingPayload())).isFalse();
        }
        try (var client = RawWebClient.connect(simulator, new byte[]{'X', 'Y', 6, 3})) {
            assertThat(client.handshake(RawWebClient.pairingPayload())).isFalse();
        }
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("57 41 06 09").contains("unsupported dictionary version 9"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("58 59 06 03").contains("not a WhatsApp prologue"));
    }

    private static void assertPingAnswered(RawWebClient client, NodeCodec codec) throws Exception {
        var ping = Node.of("iq", Map.of("id", "ping-1", "xmlns", "w:p", "type", "get", "to", JidServer.whatsapp().toJid()), Node.of("ping"));
        client.sendNode(codec.encode(ping));
        Node answer = null;
        for (var attempt = 0; attempt < 10 && (answer == null || !"ping-1".equals(answer.id())); attempt++) {
            answer = codec.decode(client.nextNode(30));
        }
        assertThat(answer).isNotNull();
        assertThat(answer.id()).isEqualTo("ping-1");
        assertThat(answer.attributes().getString("type")).isEqualTo("result");
    }
}
