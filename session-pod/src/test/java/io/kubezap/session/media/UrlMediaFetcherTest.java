package io.kubezap.session.media;

import com.sun.net.httpserver.HttpServer;
import io.kubezap.session.egress.AddressList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A send by URL, against a local server (private addresses allowed here; the guard itself is EgressRuleTest). */
class UrlMediaFetcherTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final byte[] file = new byte[300_000];

    @BeforeEach
    void serve() throws IOException {
        new Random(1).nextBytes(file);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file.bin", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
            exchange.close();
        });
        server.createContext("/chunked.bin", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(file);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/file.bin");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFileIsFetchedThroughRedirectsIntoTheStore() throws IOException {
        var stored = fetcher(true).fetch(url("/moved"), 1_000_000);

        try (var in = MediaStore.onVolume(dir.resolve("media")).read(stored.sha256(), 0, stored.size())) {
            assertThat(in.readAllBytes()).isEqualTo(file);
        }
        assertThat(stored.size()).isEqualTo(file.length);
    }

    @Test
    void theSizeLimitHoldsWithOrWithoutADeclaredLength() {
        assertThatThrownBy(() -> fetcher(true).fetch(url("/file.bin"), 1000)).isInstanceOf(MediaTooLargeException.class);
        assertThatThrownBy(() -> fetcher(true).fetch(url("/chunked.bin"), 1000)).isInstanceOf(MediaTooLargeException.class);
    }

    @Test
    void failuresSayWhy() {
        assertThatThrownBy(() -> fetcher(true).fetch(url("/missing"), 1000)).hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> fetcher(true).fetch(url("/loop"), 1000)).hasMessageContaining("redirected more than");
        assertThatThrownBy(() -> fetcher(false).fetch(url("/file.bin"), 1_000_000)).hasMessageContaining("private");
    }

    private UrlMediaFetcher fetcher(boolean allowPrivate) {
        return new UrlMediaFetcher(MediaStore.onVolume(dir.resolve("media")),
                allowPrivate ? AddressList.of("test", java.util.List.of("127.0.0.0/8")) : AddressList.NONE,
                Duration.ofSeconds(10));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void onlyHttpUrlsWithoutCredentialsMayBeFetched() {
        UrlMediaFetcher fetcher = new UrlMediaFetcher(null, AddressList.NONE, Duration.ofSeconds(1));

        assertThat(fetcher.refusal(URI.create("ftp://8.8.8.8/x"))).contains("http");
        assertThat(fetcher.refusal(URI.create("http://user:pw@8.8.8.8/x"))).contains("user information");
        assertThat(fetcher.refusal(URI.create("https://8.8.8.8/x.png"))).isNull();
    }
}
