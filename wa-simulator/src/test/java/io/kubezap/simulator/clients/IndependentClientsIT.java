package io.kubezap.simulator.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public WhatsApp Web clients we did not write, unmodified from npm ({@code src/test/clients}, pinned by its
 * package-lock.json: Baileys 7.0.0-rc14 as {@code baileys}, Baileys 6.17.16 as {@code baileys6}), run by Node.js
 * against the simulator as they run against WhatsApp: its proxy ({@code HTTPS_PROXY}), its TLS CA
 * ({@code NODE_EXTRA_CA_CERTS}) and, for clients that pin WhatsApp's Noise root, the simulator's root key in its place.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IndependentClientsIT {
    private static final Path CLIENTS = Path.of("src/test/clients");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WaSimulator simulator;
    private static Path work;
    private static Path caPem;

    @BeforeAll
    static void startSimulator() throws Exception {
        assertThat(CLIENTS.resolve("node_modules/baileys")).as("the clients are installed: run `npm ci` in "
                + CLIENTS.toAbsolutePath() + " (.ci/run does)").isDirectory();
        work = Files.createTempDirectory("independent-clients");
        simulator = WaSimulator.start(SimulatorSettings.ephemeral(work.resolve("truststore.p12")));
        caPem = writeCaPem(simulator.trustStore(), work.resolve("ca.pem"));
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"baileys", "baileys6"})
    void linking_theClientShowsAQrThePhoneScansAndLogsInWithItsNumberAndDeviceLid(String client) throws Exception {
        var number = "5511" + (900_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));
        var phone = post("/api/phones", "{\"number\":\"" + number + "\",\"pushName\":\"Loja\"}");
        var run = new ClientRun(client, work.resolve("auth-" + client + "-" + number));

        var qr = run.next("qr", 60);
        var scan = post("/api/phones/" + number + "/scan", JSON.writeValueAsString(java.util.Map.of("qr", qr.get("qr").asText())));
        assertThat(scan.has("deviceJid")).as("%s: the phone could not scan the QR %s: %s", client, qr, scan).isTrue();

        var open = run.next("open", 90).get("open");
        var device = scan.get("deviceJid").asText().replaceAll(".*:(\\d+)@.*", "$1");
        assertThat(open.get("id").asText()).as("%s: the JID it keeps as its own", client).isEqualTo(scan.get("deviceJid").asText());
        assertThat(open.path("lid").asText()).as("%s: the LID it keeps as its own", client)
                .isEqualTo(phone.get("lid").asText().replace("@lid", ":" + device + "@lid"));
        run.close();
    }

    /** One run of {@code link.mjs} with a client: its JSON lines on a queue, its stderr kept for failure messages. */
    private static final class ClientRun implements AutoCloseable {
        private final String client;
        private final Process process;
        private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
        private final java.util.List<String> errors = Collections.synchronizedList(new java.util.ArrayList<>());

        ClientRun(String client, Path authDir) throws Exception {
            this.client = client;
            var builder = new ProcessBuilder("node", "link.mjs", client, authDir.toString()).directory(CLIENTS.toFile());
            builder.environment().put("HTTPS_PROXY", "http://" + simulator.proxyHost() + ":" + simulator.proxyPort());
            builder.environment().put("NODE_EXTRA_CA_CERTS", caPem.toString());
            builder.environment().put("WA_ROOT_KEY", Base64.getEncoder().encodeToString(simulator.chatServer().noiseRootPublicKey()));
            process = builder.start();
            Thread.ofVirtual().start(() -> read(process.inputReader(StandardCharsets.UTF_8), true));
            Thread.ofVirtual().start(() -> read(process.errorReader(StandardCharsets.UTF_8), false));
        }

        private void read(BufferedReader reader, boolean json) {
            try (reader) {
                for (var line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (json) {
                        lines.add(JSON.readTree(line));
                    } else {
                        errors.add(line);
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }

        /** The next line with {@code field}; fails with what the client said instead. */
        JsonNode next(String field, int seconds) throws InterruptedException {
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            var seen = new java.util.ArrayList<JsonNode>();
            while (System.nanoTime() < deadline) {
                var line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.has(field)) {
                    return line;
                }
                if (line != null) {
                    seen.add(line);
                }
                if (line != null && line.has("close")) {
                    break;
                }
            }
            throw new AssertionError(client + " never reported " + field + "; it reported " + seen + "; its log ends "
                    + errors.subList(Math.max(0, errors.size() - 10), errors.size()));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode post(String path, String body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static Path writeCaPem(Path trustStore, Path pem) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        try (var input = Files.newInputStream(trustStore)) {
            store.load(input, WaSimulator.TRUST_STORE_PASSWORD.toCharArray());
        }
        var certificate = store.getCertificate(store.aliases().nextElement());
        var encoded = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + encoded + "\n-----END CERTIFICATE-----\n");
        return pem;
    }
}
