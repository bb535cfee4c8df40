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
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            var response = http.send(HttpRequest.newBuilder(URI.create("https://web.whatsapp.com/")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"client_revision\":1022032575");
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
