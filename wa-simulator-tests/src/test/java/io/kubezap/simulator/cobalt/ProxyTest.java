package io.kubezap.simulator.cobalt;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What any JVM client sees once pointed at the simulator with the standard proxy and trust-store properties. */
@Timeout(60)
class ProxyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @BeforeAll
    static void startSimulator() {
        SimulatorFixture.simulator();
    }

    @Test
    void webWhatsappComIsServedOverTrustedTlsWithTheVersionMarkerClientsRead() throws Exception {
        var response = fetchWebWhatsappCom();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"client_revision\":1022032575");
    }

    @Test
    void duringAnOutageWhatsappIsUnreachableAndEveryRefusalIsCounted() throws Exception {
        var control = new ControlClient(SimulatorFixture.simulator().controlUrl());
        var refusedBefore = control.get("/api/network").body().get("refusedConnections").asLong();
        var down = control.put("/api/network", Map.of("reachable", false));
        try {
            assertThat(down.body().get("reachable").asBoolean()).isFalse();
            assertThatThrownBy(ProxyTest::fetchWebWhatsappCom).isInstanceOf(IOException.class).hasMessageContaining("503");
            assertThat(control.get("/api/network").body().get("refusedConnections").asLong()).isEqualTo(refusedBefore + 1);
        } finally {
            assertThat(control.put("/api/network", Map.of("reachable", true)).status()).isEqualTo(200);
        }
        assertThat(fetchWebWhatsappCom().statusCode()).isEqualTo(200);
        assertThat(control.put("/api/network", Map.of()).status()).isEqualTo(400);
    }

    private static HttpResponse<String> fetchWebWhatsappCom() throws IOException, InterruptedException {
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("https://web.whatsapp.com/")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void otherHostsAreNotTunnelled() {
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            var request = HttpRequest.newBuilder(URI.create("https://example.com/")).timeout(TIMEOUT).build();

            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("403");
        }
    }
}
