package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WhatsApp contact writes whatever it likes into its media message's {@code url}, {@code directPath} and declared
 * length (they travel end-to-end encrypted, WhatsApp cannot vet them). The packaged pod must fetch media only from
 * WhatsApp's media hosts and never more than the message declared: a hostile phone of the simulator tries to make it
 * call an in-cluster address (a listener on loopback standing for cloud metadata or another tenant's pod) and to
 * make it write more than it announced. Run once per engine: the Baileys engine's files are fetched by the same code
 * as Cobalt's, under the same policy.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMediaIT {

    private static final String OWNER = "5511999990035";
    private static final String ATTACKER = "5511988880035";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private Listener inside;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        inside = new Listener();
        Path workDir = Files.createTempDirectory(Path.of("target"), "hostile-media-it-" + engine + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_MEDIA_AUTO_DOWNLOAD_MAX", "0");
        world = PodAgainstSimulator.create(workDir, "loja-35", environment);
        world.startLinked(OWNER, ATTACKER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = inside) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    void aUrlOutsideWhatsAppIsNeverFetched() {
        assertNeverFetched(Map.of("url", "http://127.0.0.1:" + inside.port() + "/latest/meta-data/iam", "directPath", ""),
                "the address the contact named");
    }

    @Test
    void aDirectPathCannotMoveTheRequestToAnotherHost() {
        assertNeverFetched(Map.of("directPath", "@127.0.0.1:" + inside.port() + "/v/t62.7119-24/x.enc", "url", ""),
                "the host smuggled into the direct path");
    }

    /** A document naming {@code locator} is received, its download refused, and the pod never connects inside. */
    private void assertNeverFetched(Map<String, Object> locator, String target) {
        int before = inside.connections();
        String id = receive(locator, pdf(2_000, System.nanoTime()));

        Response download = world.api().get("/messages/" + id + "/media");

        assertThat(download.statusCode()).as(download.asString()).isEqualTo(502);
        assertThat(inside.connections() - before).as("connections the pod opened to " + target).isZero();
    }

    @Test
    void noMoreThanTheDeclaredLengthIsWritten() {
        String id = receive(Map.of("fileLength", 1_000), pdf(400_000, 3));

        Response download = world.api().get("/messages/" + id + "/media");

        assertThat(download.statusCode()).as("a file 400 times longer than the message declared " + download.asString())
                .isEqualTo(502);
        assertThat(download.asString()).contains("declared");
    }

    /** The attacker's phone sends a document naming {@code locator}; the id the pod gave the message. */
    private String receive(Map<String, Object> locator, byte[] file) {
        var media = new HashMap<String, Object>(locator);
        media.put("data", Base64.getEncoder().encodeToString(file));
        media.put("mimeType", "application/pdf");
        String waId = world.control().body(Map.of("to", OWNER, "type", "document", "media", media))
                .post("/api/phones/" + ATTACKER + "/messages").then().statusCode(202).extract().path("id");
        return (String) await().atMost(PATIENCE).until(() -> world.api().queryParam("direction", "in").queryParam("limit", 200)
                        .get("/messages").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")
                        .stream().filter(m -> waId.equals(m.get("waMessageId"))).findFirst(), Optional::isPresent)
                .orElseThrow().get("id");
    }

    /** A TCP listener on loopback that counts who connects and answers nothing. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        Listener() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
