package io.kubezap.session.media;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a file a client asked to send by URL into the {@link MediaStore}: public addresses only (unless the cluster
 * admin allowed a private network),
 * each redirect checked again, the size limit enforced while the body streams, and a bounded wait.
 */
@ApplicationScoped // created on first use: its HttpClient took ~15 ms of every start
public class UrlMediaFetcher {

    private static final int MAX_REDIRECTS = 5;

    private final MediaStore store;
    private final EgressRule egress;
    private final Duration timeout;
    private final HttpClient client;

    @Inject
    public UrlMediaFetcher(MediaStore store, SessionConfig config) {
        this(store, AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", config.media().urlAllowList().orElse("")),
                config.media().urlTimeout());
    }

    UrlMediaFetcher(MediaStore store, AddressList allowed, Duration timeout) {
        this.store = store;
        this.egress = new EgressRule(allowed);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    /** Why {@code url} will not be fetched, or null when it may be. */
    public String refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https URLs can be fetched";
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            return "the URL needs a host and no user information";
        }
        return egress.check(url).refusal();
    }

    public MediaStore.StoredFile fetch(URI url, long maxBytes) throws IOException {
        return follow(url, maxBytes, timeout, body -> store.ingest(body, maxBytes));
    }

    /** A small document (a web page, an image) into memory, under the same rule, within {@code within}. */
    public byte[] fetchBytes(URI url, int maxBytes, Duration within) throws IOException {
        return follow(url, maxBytes, within, body -> {
            byte[] read = body.readNBytes(maxBytes + 1);
            if (read.length > maxBytes) {
                throw new MediaTooLargeException(maxBytes);
            }
            return read;
        });
    }

    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private <T> T follow(URI url, long maxBytes, Duration within, BodyReader<T> reader) throws IOException {
        URI next = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String refused = refusal(next);
            if (refused != null) {
                throw new IOException(refused);
            }
            HttpResponse<InputStream> response = get(next, within);
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                    next = next.resolve(response.headers().firstValue("Location").get());
                    continue;
                }
                if (status != 200) {
                    throw new IOException("the URL answered HTTP " + status);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new MediaTooLargeException(maxBytes);
                }
                return reader.read(body);
            }
        }
        throw new IOException("the URL redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> get(URI url, Duration within) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(url).timeout(within).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the URL", interrupted);
        } catch (java.net.http.HttpTimeoutException slow) {
            throw new IOException("the URL did not answer within " + within.toSeconds() + " s", slow);
        }
    }
}
