package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator announces WhatsApp Web's current version as web.whatsapp.com does and refuses older ones with 405. */
@Timeout(120)
class WebVersionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long PINNED = 1022032575L;
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @AfterEach
    void backToTheDefaults() {
        assertThat(control.put("/api/web-version", Map.of("current", PINNED, "minimum", 0)).status()).isEqualTo(200);
    }

    @Test
    void theServiceWorkerAndThePageAnnounceTheCurrentRevisionAsWhatsAppDoes() throws Exception {
        var changed = control.put("/api/web-version", Map.of("current", 1030000001L, "minimum", 1030000000L));

        assertThat(changed.body().get("current").asLong()).isEqualTo(1030000001L);
        assertThat(changed.body().get("minimum").asLong()).isEqualTo(1030000000L);
        var serviceWorker = fetch("https://web.whatsapp.com/sw.js");
        assertThat(serviceWorker.statusCode()).isEqualTo(200);
        // inside a JavaScript string, as on web.whatsapp.com: the quotes are escaped
        assertThat(serviceWorker.body()).contains("\\\"client_revision\\\":1030000001");
        assertThat(fetch("https://web.whatsapp.com/").body()).contains("\"client_revision\":1030000001");
        assertThat(control.get("/api/web-version").body().get("current").asLong()).isEqualTo(1030000001L);
    }

    @Test
    void aLoginFromAVersionBelowTheMinimumIsRefusedWith405AndNoQr() throws Exception {
        control.put("/api/web-version", Map.of("current", PINNED + 10, "minimum", PINNED + 1));
        var outdated = CobaltClient.unregistered(KeyStores.fresh());

        outdated.api.connect();

        await().atMost(Pairing.QR_WAIT).until(() -> outdated.nodesReceived.stream().anyMatch(WebVersionTest::clientOutdated));
        assertThat(outdated.qrCodes).isEmpty();
        assertThat(outdated.nodesReceived).noneMatch(node -> "pair-device".equals(node.description())
                || node.findChild("pair-device").isPresent());
    }

    @Test
    void aLoginFromTheMinimumVersionIsServed() throws Exception {
        control.put("/api/web-version", Map.of("current", PINNED + 10, "minimum", PINNED));
        var current = CobaltClient.unregistered(KeyStores.fresh());

        current.api.connect();

        await().atMost(Pairing.QR_WAIT).until(() -> !current.qrCodes.isEmpty());
        assertThat(current.nodesReceived).noneMatch(WebVersionTest::clientOutdated);
        current.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static boolean clientOutdated(Node node) {
        return "failure".equals(node.description()) && node.attributes().getInt("reason") == 405;
    }

    private static HttpResponse<String> fetch(String url) throws IOException, InterruptedException {
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
