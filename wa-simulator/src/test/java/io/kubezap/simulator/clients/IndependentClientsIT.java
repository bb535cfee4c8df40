package io.kubezap.simulator.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
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
import java.util.Map;
import java.util.Set;
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
 * One simulator and one linked client per client package; the steps run in order, each with its own failure message.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"baileys", "baileys6"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IndependentClientsIT {
    private static final Path CLIENTS = Path.of("src/test/clients");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Parameter
    String client;
    private WaSimulator simulator;
    private Path work;
    private Path caPem;
    private ClientRun run;
    private String shop;
    private String customer;
    private JsonNode lidCustomer;

    @BeforeParameterizedClassInvocation
    void startSimulator() throws Exception {
        assertThat(CLIENTS.resolve("node_modules/baileys")).as("the clients are installed: run `npm ci` in "
                + CLIENTS.toAbsolutePath() + " (.ci/run does)").isDirectory();
        work = Files.createTempDirectory("independent-clients");
        simulator = WaSimulator.start(SimulatorSettings.ephemeral(work.resolve("truststore.p12")));
        caPem = writeCaPem(simulator.trustStore(), work.resolve("ca.pem"));
        shop = newNumber();
        customer = newNumber();
        post("/api/phones", Map.of("number", customer, "pushName", "Ana Cliente"));
        lidCustomer = post("/api/phones", Map.of("number", newNumber(), "pushName", "Lia Cliente", "lidAddressed", true));
    }

    @AfterParameterizedClassInvocation
    void stopSimulator() throws Exception {
        if (run != null) {
            run.close();
            run = null;
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Order(1)
    void linking_theClientShowsAQrThePhoneScansAndLogsInWithItsNumberAndDeviceLid() throws Exception {
        var phone = post("/api/phones", Map.of("number", shop, "pushName", "Loja"));
        run = new ClientRun(client, work.resolve("auth-" + client));

        var qr = run.next("qr", 60);
        var scan = post("/api/phones/" + shop + "/scan", Map.of("qr", qr.get("qr").asText()));
        assertThat(scan.has("deviceJid")).as("%s: the phone could not scan the QR %s: %s", client, qr, scan).isTrue();

        var open = run.next("open", 90).get("open");
        var device = scan.get("deviceJid").asText().replaceAll(".*:(\\d+)@.*", "$1");
        assertThat(open.get("id").asText()).as("%s: the JID it keeps as its own", client).isEqualTo(scan.get("deviceJid").asText());
        assertThat(open.path("lid").asText()).as("%s: the LID it keeps as its own", client)
                .isEqualTo(phone.get("lid").asText().replace("@lid", ":" + device + "@lid"));
    }

    @Test
    @Order(2)
    void text_aPhoneWritingByNumberReachesTheClient() throws Exception {
        linked();
        var sent = post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Oi, pelo número"));
        var received = run.nextMessage(sent.get("id").asText(), 60);
        assertThat(received.path("text").asText()).as("%s: the text it decrypted", client).isEqualTo("Oi, pelo número");
        assertThat(received.path("chat").asText()).as("%s: the chat it files it under", client).isEqualTo(customer + "@s.whatsapp.net");
    }

    @Test
    @Order(3)
    void text_theClientWritingToANumberReachesThePhone() throws Exception {
        linked();
        run.send(customer + "@s.whatsapp.net", "Olá Ana, pelo número");
        awaitPhoneReceived(customer, "Olá Ana, pelo número");
    }

    @Test
    @Order(4)
    void text_aLidAddressedPhoneReachesTheClientUnderItsLid() throws Exception {
        linked();
        var sent = post("/api/phones/" + lidCustomer.get("number").asText() + "/messages", Map.of("to", shop, "text", "Oi, pelo LID"));
        var received = run.nextMessage(sent.get("id").asText(), 60);
        assertThat(received.path("text").asText()).as("%s: the text it decrypted", client).isEqualTo("Oi, pelo LID");
        assertThat(received.path("chat").asText()).as("%s: the chat it files it under", client).isEqualTo(lidCustomer.get("lid").asText());
    }

    @Test
    @Order(5)
    void text_theClientWritingToALidReachesThePhone() throws Exception {
        linked();
        run.send(lidCustomer.get("lid").asText(), "Olá Lia, pelo LID");
        awaitPhoneReceived(lidCustomer.get("number").asText(), "Olá Lia, pelo LID");
    }

    @Test
    @Order(6)
    void receipts_theClientsDeliveryReceiptMarksThePhonesTextDelivered() throws Exception {
        linked();
        var sent = post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Recebeu?"));
        var id = sent.get("id").asText();
        run.nextMessage(id, 60);
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        var status = "";
        while (System.nanoTime() < deadline && !Set.of("delivered", "read").contains(status)) {
            for (var message : get("/api/phones/" + customer + "/sent")) {
                if (id.equals(message.path("id").asText())) {
                    status = message.path("status").asText();
                }
            }
            Thread.sleep(250);
        }
        assertThat(status).as("%s: the status the phone shows for its text after the client received it", client).isIn("delivered", "read");
    }

    @Test
    @Order(7)
    void group_aMembersTextReachesTheClientAndTheClientsTextReachesTheMembers() throws Exception {
        linked();
        var created = post("/api/groups", Map.of("from", customer, "subject", "Equipe", "participants", java.util.List.of(shop)));
        var group = created.path("group").path("jid").asText(created.path("group").asText());
        assertThat(group).as("%s: the group the phone created: %s", client, created).endsWith("@g.us");

        var posted = post("/api/groups/" + group + "/messages", Map.of("from", customer, "text", "Bom dia, equipe"));
        var received = run.nextMessage(posted.get("id").asText(), 60);
        assertThat(received.path("text").asText()).as("%s: the group text it decrypted", client).isEqualTo("Bom dia, equipe");
        assertThat(received.path("chat").asText()).as("%s: the chat it files it under", client).isEqualTo(group);

        run.send(group, "Bom dia, Ana");
        awaitPhoneReceived(customer, "Bom dia, Ana");
    }

    @Test
    @Order(8)
    void reconnect_aRestartedClientLogsInWithItsStoredCredentialsAndReceivesWithoutAQr() throws Exception {
        linked();
        run.end();
        run = new ClientRun(client, work.resolve("auth-" + client));
        run.next("open", 90);
        assertThat(run.seen).as("%s: a restarted client shows no QR", client).noneMatch(line -> line.has("qr"));
        var sent = post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Voltou?"));
        assertThat(run.nextMessage(sent.get("id").asText(), 60).path("text").asText()).as("%s: the text after the restart", client)
                .isEqualTo("Voltou?");
    }

    @Test
    @Order(9)
    void logout_theClientsLogOutUnlinksTheDeviceFromThePhone() throws Exception {
        linked();
        run.command(Map.of("logout", true), "loggedOut");
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        var status = "";
        while (System.nanoTime() < deadline && !status.equals("LOGGED_OUT")) {
            status = get("/api/phones/" + shop).path("devices").path(0).path("status").asText();
            Thread.sleep(250);
        }
        assertThat(status).as("%s: the device as the phone lists it after the client logged out", client).isEqualTo("LOGGED_OUT");
    }

    private void linked() {
        assertThat(run).as("%s: not linked (see the linking step)", client).isNotNull();
    }

    private void awaitPhoneReceived(String number, String text) throws Exception {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode messages = null;
        while (System.nanoTime() < deadline) {
            messages = get("/api/phones/" + number + "/messages");
            for (var message : messages) {
                if (text.equals(message.path("text").asText())) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(client + ": the phone " + number + " never received \"" + text + "\"; it has " + messages
                + "; the client said " + run.seen + "; its log ends " + run.logTail());
    }

    private static String newNumber() {
        return "5511" + (900_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));
    }

    /** One run of {@code link.mjs} with a client: its JSON lines on a queue, its stderr kept for failure messages. */
    private final class ClientRun implements AutoCloseable {
        private final String client;
        private final Process process;
        private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
        private final java.util.List<String> errors = Collections.synchronizedList(new java.util.ArrayList<>());
        private final java.util.List<JsonNode> seen = Collections.synchronizedList(new java.util.ArrayList<>());

        ClientRun(String client, Path authDir) throws Exception {
            this.client = client;
            var builder = new ProcessBuilder("node", "client.mjs", client, authDir.toString()).directory(CLIENTS.toFile());
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
                    if (json && line.startsWith("{")) {
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
            return next(line -> line.has(field), field, seconds);
        }

        /** The message the client reports with that id. */
        JsonNode nextMessage(String id, int seconds) throws InterruptedException {
            return next(line -> id.equals(line.path("message").path("id").asText()), "message " + id, seconds).get("message");
        }

        private JsonNode next(java.util.function.Predicate<JsonNode> wanted, String what, int seconds) throws InterruptedException {
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                var line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
            throw new AssertionError(client + " never reported " + what + "; it reported " + seen + "; its log ends " + logTail());
        }

        void send(String to, String text) throws Exception {
            command(Map.of("send", Map.of("to", to, "text", text)), "sent");
        }

        /** Gives the client a command and waits for the line that says it is done. */
        void command(Map<String, ?> command, String done) throws Exception {
            process.outputWriter(StandardCharsets.UTF_8).append(JSON.writeValueAsString(command)).append("\n").flush();
            var answer = next(line -> line.has(done) || line.has("failed"), done, 60);
            assertThat(answer.has(done)).as("%s could not do %s: %s", client, command, answer).isTrue();
        }

        /** Stops the client as a process that ends: its connection closed, its credentials kept. */
        void end() throws Exception {
            process.outputWriter(StandardCharsets.UTF_8).append("{\"end\":true}\n").flush();
            process.waitFor(15, TimeUnit.SECONDS);
            close();
        }

        String logTail() {
            synchronized (errors) {
                return errors.subList(Math.max(0, errors.size() - 10), errors.size()).toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private JsonNode post(String path, Map<String, ?> body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
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
