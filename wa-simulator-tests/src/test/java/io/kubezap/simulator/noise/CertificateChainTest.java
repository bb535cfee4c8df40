package io.kubezap.simulator.noise;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.kubezap.simulator.protobuf.ProtobufReader;
import it.auties.curve25519.Curve25519;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server hello carries a certificate chain a client verifies as whatsmeow does: the
 * intermediate signed (XEdDSA) by the root key the control API publishes, issuer serial 0; the leaf
 * signed by the intermediate's key, issued by its serial, naming the server's static Noise key; both valid now.
 */
@Timeout(120)
class CertificateChainTest {
    @TempDir
    static Path directory;
    private static WaSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = WaSimulator.start(SimulatorSettings.ephemeral(directory.resolve("truststore.p12")));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theChainVerifiesWithThePublishedRootAndNamesTheServersStaticKey() throws Exception {
        var root = publishedRoot();
        try (var client = RawWebClient.connect(simulator, new byte[]{'W', 'A', 6, 3})) {
            assertThat(client.handshake(RawWebClient.pairingPayload())).isTrue();
            var chain = ProtobufReader.read(client.certificatePayload());
            var leaf = ProtobufReader.read(chain.bytes(1).orElseThrow());
            var intermediate = ProtobufReader.read(chain.bytes(2).orElseThrow());
            var intermediateDetails = intermediate.bytes(1).orElseThrow();
            var leafDetails = leaf.bytes(1).orElseThrow();

            assertThat(Curve25519.verifySignature(root, intermediateDetails, intermediate.bytes(2).orElseThrow())).isTrue();
            var issuer = ProtobufReader.read(intermediateDetails);
            assertThat(issuer.uint32(2).orElse(0)).as("intermediate issuer serial").isZero();
            var intermediateKey = issuer.bytes(3).orElseThrow();
            assertThat(intermediateKey).hasSize(32);
            assertThat(Curve25519.verifySignature(intermediateKey, leafDetails, leaf.bytes(2).orElseThrow())).isTrue();
            var subject = ProtobufReader.read(leafDetails);
            assertThat(subject.uint32(2)).isEqualTo(issuer.uint32(1));
            assertThat(subject.bytes(3).orElseThrow()).isEqualTo(client.serverStaticKey());
            var now = Instant.now().getEpochSecond();
            for (var details : new ProtobufReader[]{issuer, subject}) {
                assertThat(details.uint64(4).orElseThrow()).isLessThanOrEqualTo(now);
                assertThat(details.uint64(5).orElseThrow()).isGreaterThan(now);
            }

            var otherRoot = Curve25519.getPublicKey(Curve25519.randomPrivateKey());
            assertThat(Curve25519.verifySignature(otherRoot, intermediateDetails, intermediate.bytes(2).orElseThrow())).isFalse();
        }
    }

    private static byte[] publishedRoot() throws Exception {
        try (var http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            var body = http.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + "/api/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return Base64.getDecoder().decode(new ObjectMapper().readTree(body).get("noiseRootPublicKey").asText());
        }
    }
}
