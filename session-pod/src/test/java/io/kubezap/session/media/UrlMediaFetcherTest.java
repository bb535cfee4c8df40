package io.kubezap.session.media;

import com.sun.net.httpserver.HttpServer;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A send by URL, against a local server (private addresses allowed here; the guard itself is EgressRuleTest). */
class UrlMediaFetcherTest {

    private static final Vertx VERTX = Vertx.vertx();

    @TempDir
    Path dir;
    private HttpServer server;
    private final byte[] file = new byte[300_000];
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    /** The server's own threads: one that stalls an answer is interrupted at the end of the test. */
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    @BeforeEach
    void serve() throws IOException {
        new Random(1).nextBytes(file);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/file.bin", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
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
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://metadata.rebind.test:" + server.getAddress().getPort() + "/file.bin");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file, 0, 1000);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        handlers.shutdownNow();
    }

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    /** DNS rebinding: the name answers an allowed address to the check, cloud metadata to any later lookup. */
    @Test
    void theAddressCheckedIsTheAddressConnectedTo() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        UrlMediaFetcher fetcher = fetcher(host -> addresses(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254"));

        var stored = fetcher.fetch(URI.create("http://media.rebind.test:" + server.getAddress().getPort() + "/file.bin"), 1_000_000);

        try (var in = MediaStore.onVolume(dir.resolve("media")).read(stored.sha256(), 0, stored.size())) {
            assertThat(in.readAllBytes()).isEqualTo(file);
        }
        assertThat(lookups).hasValue(1);
        assertThat(hosts).containsExactly("media.rebind.test:" + server.getAddress().getPort());
    }

    @Test
    void aRedirectIsCheckedAgainAndNotFollowedToAPrivateAddress() {
        UrlMediaFetcher fetcher = fetcher(host -> addresses(host.equals("metadata.rebind.test") ? "169.254.169.254" : "127.0.0.1"));

        assertThatThrownBy(() -> fetcher.fetch(url("/elsewhere"), 1_000_000)).hasMessageContaining("private");
        assertThat(hosts).isEmpty();
    }

    /** The JDK's client waited only for the headers: a server that then stopped sending held the send forever. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatStopsSendingIsGivenUpOn() {
        UrlMediaFetcher fetcher = new UrlMediaFetcher(MediaStore.onVolume(dir.resolve("media")),
                new EgressRule(AddressList.of("test", List.of("127.0.0.0/8"))), Duration.ofMillis(500), VERTX);

        assertThatThrownBy(() -> fetcher.fetch(url("/stalls"), 1_000_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("sent nothing for 500 ms");
    }

    private UrlMediaFetcher fetcher(EgressRule.Resolver resolver) {
        EgressRule rule = new EgressRule(AddressList.of("test", List.of("127.0.0.1/32")), AddressList.NONE, "", resolver);
        return new UrlMediaFetcher(MediaStore.onVolume(dir.resolve("media")), rule, Duration.ofSeconds(10), VERTX);
    }

    private static InetAddress[] addresses(String literal) throws java.net.UnknownHostException {
        return new InetAddress[] {InetAddress.getByName(literal)};
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
                new EgressRule(allowPrivate ? AddressList.of("test", List.of("127.0.0.0/8")) : AddressList.NONE),
                Duration.ofSeconds(10), VERTX);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void onlyHttpUrlsWithoutCredentialsMayBeFetched() {
        UrlMediaFetcher fetcher = new UrlMediaFetcher(null, new EgressRule(AddressList.NONE), Duration.ofSeconds(1), VERTX);

        assertThat(fetcher.refusal(URI.create("ftp://8.8.8.8/x"))).contains("http");
        assertThat(fetcher.refusal(URI.create("http://user:pw@8.8.8.8/x"))).contains("user information");
        assertThat(fetcher.refusal(URI.create("https://8.8.8.8/x.png"))).isNull();
    }
}
