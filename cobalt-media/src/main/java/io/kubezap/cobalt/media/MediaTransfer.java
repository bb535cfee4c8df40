package io.kubezap.cobalt.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * HTTP to WhatsApp's media hosts, streamed through files. Without an explicit proxy the JDK's default proxy
 * selector applies (so {@code https.proxyHost} routes media like the chat socket). Every download is bounded: a
 * read timeout, a byte cap, no redirect followed blindly; a received file's download also only from WhatsApp's media
 * hosts ({@link WhatsAppMediaHosts}), redirects included.
 */
public final class MediaTransfer {

    public static final String DEFAULT_HOST = "mmg.whatsapp.net";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Longest wait for the answer's headers, and then for each next part of the body. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** The cap of downloads whose size nobody declared (Cobalt's own: link previews, history blobs). */
    private static final long UNDECLARED_MAX_BYTES = 256L << 20;
    private static final int MAX_REDIRECTS = 3;
    /** AES-CBC pads to whole 16-byte blocks (1 to 16 bytes added) and a 10-byte MAC follows the ciphertext. */
    private static final int ENCRYPTION_OVERHEAD = 16 + 10;

    private MediaTransfer() {
    }

    /** The URL of a media's direct path on WhatsApp's default media host. */
    public static URI urlOf(String directPath) {
        return URI.create("https://" + DEFAULT_HOST + directPath);
    }

    /** The most bytes an encrypted blob of a {@code plainLength}-byte file can have. */
    public static long encryptedLength(long plainLength) {
        return plainLength + ENCRYPTION_OVERHEAD;
    }

    /** POSTs {@code blob} and returns the host's JSON answer. */
    public static byte[] upload(URI target, Path blob, Map<String, String> headers, URI proxy) throws IOException {
        var request = HttpRequest.newBuilder(target).timeout(READ_TIMEOUT).POST(HttpRequest.BodyPublishers.ofFile(blob));
        headers.forEach(request::header);
        return read(request.build(), proxy, UNDECLARED_MAX_BYTES, READ_TIMEOUT, InputStream::readAllBytes);
    }

    /** GETs {@code source} (wherever it is: Cobalt's own downloads) and hands the body, as it arrives, to {@code sink}. */
    public static <T> T download(URI source, Map<String, String> headers, URI proxy, BodyReader<T> sink) throws IOException {
        var request = HttpRequest.newBuilder(source).timeout(READ_TIMEOUT).GET();
        headers.forEach(request::header);
        return read(request.build(), proxy, UNDECLARED_MAX_BYTES, READ_TIMEOUT, sink);
    }

    /**
     * GETs {@code source} from a WhatsApp media host, following redirects only among those hosts, and hands at most
     * {@code maxBytes} of the body to {@code sink}.
     */
    public static <T> T downloadMedia(URI source, URI proxy, long maxBytes, BodyReader<T> sink) throws IOException {
        return downloadMedia(source, proxy, maxBytes, sink, WhatsAppMediaHosts::refusal, READ_TIMEOUT);
    }

    /** The same with another judge of hosts and another read timeout: tests on loopback. */
    static <T> T downloadMedia(URI source, URI proxy, long maxBytes, BodyReader<T> sink, Function<URI, String> hosts,
                               Duration readTimeout) throws IOException {
        URI next = source;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String refused = hosts.apply(next);
            if (refused != null) {
                throw new MediaHostRefusedException(hop == 0 ? refused : "a redirect leaves WhatsApp's media hosts: " + refused);
            }
            var request = HttpRequest.newBuilder(next).timeout(readTimeout).GET().build();
            var answer = exchange(request, proxy, (response, body) -> {
                var location = response.headers().firstValue("Location");
                if (response.statusCode() / 100 == 3 && location.isPresent()) {
                    return new Answer<T>(location.get(), null);
                }
                return new Answer<>(null, readOk(request, response, body, maxBytes, readTimeout, sink));
            });
            if (answer.redirect() == null) {
                return answer.value();
            }
            next = next.resolve(answer.redirect());
        }
        throw new IOException("the media host redirected more than " + MAX_REDIRECTS + " times");
    }

    /**
     * Downloads, checks and decrypts a media file of at most {@code maxPlainBytes} into {@code target}; on any failure
     * nothing is left there.
     */
    public static long downloadDecrypted(URI source, URI proxy, byte[] mediaKey, String keyName, byte[] encSha256,
                                         byte[] sha256, long maxPlainBytes, Path target) throws IOException {
        var partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            long length = downloadMedia(source, proxy, encryptedLength(maxPlainBytes), body -> {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    return MediaCipher.decrypt(body, out, mediaKey, keyName, encSha256, sha256);
                }
            });
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return length;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private static <T> T read(HttpRequest request, URI proxy, long maxBytes, Duration readTimeout, BodyReader<T> reader)
            throws IOException {
        return exchange(request, proxy, (response, body) -> readOk(request, response, body, maxBytes, readTimeout, reader));
    }

    /** A redirect's target, or what the body was read into. */
    private record Answer<T>(String redirect, T value) {
    }

    @FunctionalInterface
    private interface ResponseReader<T> {
        T read(HttpResponse<InputStream> response, InputStream body) throws IOException;
    }

    private static <T> T readOk(HttpRequest request, HttpResponse<InputStream> response, InputStream body, long maxBytes,
                                Duration readTimeout, BodyReader<T> reader) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(request.method() + " " + request.uri().getHost() + request.uri().getPath()
                    + " answered " + response.statusCode());
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            throw new MediaTooLongException(maxBytes);
        }
        return reader.read(new GuardedBody(body, maxBytes, readTimeout));
    }

    private static <T> T exchange(HttpRequest request, URI proxy, ResponseReader<T> reader) throws IOException {
        var builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null) {
            builder.proxy(it.auties.whatsapp.util.Proxies.toProxySelector(proxy))
                    .authenticator(it.auties.whatsapp.util.Proxies.toAuthenticator(proxy));
        }
        try (var client = builder.build()) {
            var response = send(client, request);
            try (var body = response.body()) {
                return reader.read(response, body);
            }
        }
    }

    private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException slow) {
            throw new HttpTimeoutException(request.uri().getHost() + " did not answer within "
                    + request.timeout().orElse(READ_TIMEOUT).toSeconds() + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }
}
