package io.kubezap.cobalt.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP to WhatsApp's media hosts, streamed through files. Without an explicit proxy the JDK's default proxy
 * selector applies (so {@code https.proxyHost} routes media like the chat socket).
 */
public final class MediaTransfer {

    public static final String DEFAULT_HOST = "mmg.whatsapp.net";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private MediaTransfer() {
    }

    /** The URL of a media's direct path on WhatsApp's default media host. */
    public static URI urlOf(String directPath) {
        return URI.create("https://" + DEFAULT_HOST + directPath);
    }

    /** POSTs {@code blob} and returns the host's JSON answer. */
    public static byte[] upload(URI target, Path blob, Map<String, String> headers, URI proxy) throws IOException {
        var request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofFile(blob));
        headers.forEach(request::header);
        return exchange(request.build(), proxy, InputStream::readAllBytes);
    }

    /** GETs {@code source} and hands the body, as it arrives, to {@code sink}. */
    public static <T> T download(URI source, Map<String, String> headers, URI proxy, BodyReader<T> sink) throws IOException {
        var request = HttpRequest.newBuilder(source).GET();
        headers.forEach(request::header);
        return exchange(request.build(), proxy, sink);
    }

    /** Downloads, checks and decrypts a media file into {@code target}; on any failure nothing is left there. */
    public static long downloadDecrypted(URI source, URI proxy, byte[] mediaKey, String keyName, byte[] encSha256,
                                         byte[] sha256, Path target) throws IOException {
        var partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            long length = download(source, Map.of(), proxy, body -> {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    return MediaCipher.decrypt(body, out, mediaKey, keyName, encSha256, sha256);
                }
            });
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return length;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private static <T> T exchange(HttpRequest request, URI proxy, BodyReader<T> reader) throws IOException {
        var builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL);
        if (proxy != null) {
            builder.proxy(it.auties.whatsapp.util.Proxies.toProxySelector(proxy))
                    .authenticator(it.auties.whatsapp.util.Proxies.toAuthenticator(proxy));
        }
        try (var client = builder.build()) {
            var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(request.method() + " " + request.uri().getHost() + request.uri().getPath()
                            + " answered " + response.statusCode());
                }
                return reader.read(body);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }
}
