package io.kubezap.cobalt.media;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Downloads against hosts on loopback that behave as a hostile media host would: redirect elsewhere, stall, send
 * more than asked. Here only the {@code media} listener counts as a WhatsApp media host (a test's judge: the pod's
 * is {@link WhatsAppMediaHosts}, which no setting widens).
 */
@Timeout(30)
class MediaTransferTest {

    private final HttpServer media = server();
    private final HttpServer inside = server();
    private final AtomicInteger insideHits = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Function<URI, String> onlyMedia = uri -> uri.getPort() == media.getAddress().getPort() ? null : "not a media host";

    @AfterEach
    void stop() {
        released.countDown();
        media.stop(0);
        inside.stop(0);
    }

    @Test
    void aRedirectOffTheMediaHostsIsNotFollowed() {
        inside.createContext("/", exchange -> {
            insideHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        media.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + inside.getAddress().getPort() + "/secret");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> download(100, Duration.ofSeconds(5)))
                .isInstanceOf(MediaHostRefusedException.class).hasMessageContaining("redirect");
        assertThat(insideHits).hasValue(0);
    }

    @Test
    void aRedirectWithinTheMediaHostsIsFollowed() throws IOException {
        media.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/file");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        media.createContext("/file", exchange -> {
            exchange.sendResponseHeaders(200, 3);
            exchange.getResponseBody().write(new byte[]{1, 2, 3});
            exchange.close();
        });

        assertThat(MediaTransfer.downloadMedia(url("/moved"), null, 100, InputStream::readAllBytes, onlyMedia, Duration.ofSeconds(5)))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aHostThatStopsSendingIsGivenUpOn() {
        media.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            awaitRelease();
            exchange.close();
        });

        assertThatThrownBy(() -> download(1_000, Duration.ofSeconds(1)))
                .isInstanceOf(HttpTimeoutException.class).hasMessageContaining("sent nothing");
    }

    @Test
    void moreThanTheCapIsNeverRead() {
        var written = new AtomicInteger();
        media.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var body = exchange.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) {
                    body.write(new byte[1024]);
                    written.addAndGet(1024);
                }
            } catch (IOException reset) {
                // the client stopped reading
            }
            exchange.close();
        });

        assertThatThrownBy(() -> download(4096, Duration.ofSeconds(5))).isInstanceOf(MediaTooLongException.class);
    }

    @Test
    void aDeclaredLengthAboveTheCapIsRefusedBeforeReading() {
        media.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 1_000_000);
            exchange.getResponseBody().flush();
            awaitRelease();
            exchange.close();
        });

        assertThatThrownBy(() -> download(4096, Duration.ofSeconds(5))).isInstanceOf(MediaTooLongException.class);
    }

    private byte[] download(long maxBytes, Duration readTimeout) throws IOException {
        return MediaTransfer.downloadMedia(url("/file"), null, maxBytes, InputStream::readAllBytes, onlyMedia, readTimeout);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + media.getAddress().getPort() + path);
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpServer server() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException noPort) {
            throw new java.io.UncheckedIOException(noPort);
        }
    }
}
