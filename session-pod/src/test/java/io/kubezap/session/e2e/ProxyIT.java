package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.version.WebVersions;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.testing.TestProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.testing.SampleFiles.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session behind its own proxy ({@code spec.proxy}, issue 38): the packaged pod reaches the simulator only through a
 * tenant's proxy started here (the JVM's own route to the simulator points at a closed port), first SOCKS5, then HTTP
 * CONNECT, both with credentials. It links, learns the WhatsApp Web version, and sends and receives texts and files
 * through each, which counts the tunnels it opened; with a wrong password the session shows {@code ProxyRefused}
 * instead of retrying in silence. Run once per engine: with Baileys the bridge's socket and uploads go through the
 * pod's relay, and the refusal shows the relay's reason, not the bridge's socket error.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyIT {

    private static final String OWNER = "5511999990381";
    private static final String CUSTOMER = "5511988880382";
    private static final String SESSION = "loja-38";
    private static final long ANNOUNCED_REVISION = Long.parseLong(
            WebVersions.PINNED.substring(WebVersions.PINNED.lastIndexOf('.') + 1)) + 500;
    private static final String WEB = "web.whatsapp.com:443";
    private static final String MEDIA = "mmg.whatsapp.net:443";

    @Parameter
    EngineKind engine;

    private Path workDir;

    private PodAgainstSimulator world;
    private TestProxy socks;
    private TestProxy http;

    @BeforeParameterizedClassInvocation
    void startTheWorld() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "proxy-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, SESSION, BaileysBridge.environment(engine,
                Map.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1/32")));
        var simulator = TestProxy.through(world.simulatorProxyPort());
        socks = TestProxy.start(TestProxy.Kind.SOCKS5, "loja38", "s3nha-socks", simulator);
        http = TestProxy.start(TestProxy.Kind.HTTP, "loja38", "s3nha-http", simulator);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closingSocks = socks; var closingHttp = http) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    void theSessionReachesWhatsAppOnlyThroughItsProxyAndSaysWhenTheProxyRefusesIt() throws Exception {
        world.control().body(Map.of("current", ANNOUNCED_REVISION, "minimum", 0)).put("/api/web-version").then().statusCode(200);

        behind(socks, "socks5", "s3nha-socks");
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
        assertThat(await().atMost(PodAgainstSimulator.PATIENCE).ignoreExceptions().until(this::keptVersion, Optional::isPresent))
                .as("learnt from web.whatsapp.com through the proxy").contains("2.3000." + ANNOUNCED_REVISION);
        textsAndFilesBothWays("socks");
        assertThat(socks.tunnels()).as("the version lookup and the socket, then the media host").contains(WEB, MEDIA)
                .filteredOn(WEB::equals).hasSizeGreaterThanOrEqualTo(2);

        world.stopPod();
        behind(http, "http", "s3nha-http");
        startPod();
        world.awaitPhase("Connected");
        textsAndFilesBothWays("http");
        assertThat(http.tunnels()).contains(WEB, MEDIA);

        world.stopPod();
        int tunnelsBefore = http.tunnels().size();
        behind(http, "http", "wrong-password");
        startPod();
        var refused = await().atMost(PodAgainstSimulator.PATIENCE).ignoreExceptions().until(world::state,
                state -> "ProxyRefused".equals(state.getString("lastError.reason")));
        assertThat(refused.getString("phase")).isNotEqualTo("Connected");
        assertThat(refused.getString("lastError.message")).contains("http://127.0.0.1:" + http.port(), WEB, "407", "credentials")
                .doesNotContain("wrong-password");
        assertThat(world.events("session.disconnected")).extracting(event -> PodAgainstSimulator.payload(event).get("reason"))
                .contains("ProxyRefused");
        assertThat(http.refusedLogins()).isPositive();
        assertThat(http.tunnels()).hasSize(tunnelsBefore);
    }

    /** The pod's next start goes through {@code proxy}; its JVM's own route to the simulator leads nowhere. */
    private void behind(TestProxy proxy, String scheme, String password) {
        world.setEnvironment("KUBEZAP_PROXY_URL", scheme + "://127.0.0.1:" + proxy.port());
        world.setEnvironment("KUBEZAP_PROXY_USERNAME", "loja38");
        world.setEnvironment("KUBEZAP_PROXY_PASSWORD", password);
    }

    private void startPod() {
        int closedPort = PodProcess.freePort();
        world.startPod(List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closedPort));
    }

    private void textsAndFilesBothWays(String through) {
        String text = "Pedido pelo proxy " + through;
        String sent = world.awaitSent(world.api().body(Map.of("to", CUSTOMER, "text", text)).post("/messages")
                .then().statusCode(202).extract().path("id"));
        assertThat(world.awaitAtPhone(CUSTOMER, sent).get("text")).isEqualTo(text);
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Recebido pelo proxy " + through);

        byte[] photo = png(40, 30, through.length());
        String photoSent = world.awaitSent(world.api().body(Map.of("to", CUSTOMER, "type", "image", "mimeType", "image/png",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(photo))))
                .post("/messages").then().statusCode(202).extract().path("id"));
        world.awaitAtPhone(CUSTOMER, photoSent);
        assertThat(world.phoneFile(CUSTOMER, photoSent)).as("uploaded through the proxy").isEqualTo(photo);

        byte[] reply = png(30, 20, through.length() + 100);
        String replyId = world.control().body(Map.of("to", OWNER, "type", "image", "media",
                        Map.of("data", Base64.getEncoder().encodeToString(reply), "mimeType", "image/png")))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        String stored = (String) world.awaitIncoming(replyId).get("id");
        assertThat(world.api().get("/messages/" + stored + "/media").then().statusCode(200).extract().asByteArray())
                .as("downloaded through the proxy").isEqualTo(reply);
    }

    private Optional<String> keptVersion() throws SQLException {
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement("select version from web_versions where session = '" + SESSION + "'");
             var rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString("version")) : Optional.empty();
        }
    }
}
