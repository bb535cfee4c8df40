package io.kubezap.session.engine.version;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class WebVersionDiscoveryTest {

    private HttpServer server;
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheRevisionFromTheServiceWorkerWhereItIsEscapedAndFromThePage() {
        assertThat(WebVersionDiscovery.versionIn("self.__swData=JSON.parse(\"{\\\"client_revision\\\":1030000001,\\\"x\\\":1}\")"))
                .contains("2.3000.1030000001");
        assertThat(WebVersionDiscovery.versionIn("<script>{\"client_revision\": 1022032575}</script>"))
                .contains("2.3000.1022032575");
        assertThat(WebVersionDiscovery.versionIn("<html>maintenance</html>")).isEmpty();
    }

    @Test
    void learnsWhatTheServerAnnouncesFollowingARedirect() throws IOException {
        start();
        server.createContext("/old", exchange -> {
            exchange.getResponseHeaders().add("Location", "/sw.js");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/sw.js", exchange -> answer(exchange, 200, "x=\"{\\\"client_revision\\\":1031234567}\""));

        assertThat(discovery("/old", Duration.ofSeconds(5)).learn()).contains("2.3000.1031234567");
    }

    /** As the WhatsApp socket's upgrade: no h2c upgrade asked (nor h2 over TLS), so the JDK's HTTP/2 client stays unloaded. */
    @Test
    void asksInHttp11() throws IOException {
        start();
        var upgrades = new java.util.ArrayList<String>();
        server.createContext("/sw.js", exchange -> {
            upgrades.add(String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")));
            answer(exchange, 200, "\"client_revision\":1031234567");
        });

        assertThat(discovery("/sw.js", Duration.ofSeconds(5)).learn()).contains("2.3000.1031234567");
        assertThat(upgrades).containsExactly("null");
    }

    @Test
    void anErrorStatusOrASlowServerTeachesNothing() throws IOException {
        start();
        server.createContext("/gone", exchange -> answer(exchange, 503, "\"client_revision\":1031234567"));
        server.createContext("/slow", exchange -> {
            try {
                never.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });

        assertThat(discovery("/gone", Duration.ofSeconds(5)).learn()).isEmpty();
        assertThat(discovery("/slow", Duration.ofMillis(500)).learn()).isEmpty();
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    private WebVersionDiscovery discovery(String path, Duration timeout) {
        return new WebVersionDiscovery(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), timeout);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
