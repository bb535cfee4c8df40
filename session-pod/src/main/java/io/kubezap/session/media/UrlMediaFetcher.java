package io.kubezap.session.media;

import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.CheckedAddress;
import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a file a client asked to send by URL into the {@link MediaStore}: public addresses only (unless the cluster
 * admin allowed a private network), each redirect checked again, the size limit enforced while the body streams, and
 * a bounded wait for the connection and for every next part of the answer. Every request connects to the address its
 * check resolved ({@link CheckedAddress}), so a name whose DNS answer changes after the check (rebinding) cannot lead
 * the pod elsewhere.
 */
@ApplicationScoped // created on first use: its HTTP client took ~15 ms of every start
public class UrlMediaFetcher {

    private static final int MAX_REDIRECTS = 5;

    private final MediaStore store;
    private final EgressRule egress;
    private final Duration timeout;
    private final Vertx vertx;
    private final Context context;
    private final HttpClient http;

    @Inject
    public UrlMediaFetcher(MediaStore store, SessionConfig config, AdminEgressLists admin, Vertx vertx) {
        this(store, new EgressRule(AddressList.of(PodEnvironment.MEDIA_URL_ALLOW_LIST, admin.mediaUrlAllowList())),
                config.media().urlTimeout(), vertx);
    }

    UrlMediaFetcher(MediaStore store, EgressRule egress, Duration timeout, Vertx vertx) {
        this.store = store;
        this.egress = egress;
        this.timeout = timeout;
        this.vertx = vertx;
        // one context for every exchange, as for webhooks: the pool of a client used from plain threads misbehaves
        this.context = vertx.getOrCreateContext();
        // the request's idle timeout bounds the wait for the answer's head only; the connection's, every wait after it
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setIdleTimeout((int) timeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTrustOptions(CheckedAddress.trust(null)));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Why {@code url} will not be fetched, or null when it may be. */
    public String refusal(URI url) {
        return target(url).refusal();
    }

    private EgressRule.Target target(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new EgressRule.Target(null, "only http and https URLs can be fetched");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            return new EgressRule.Target(null, "the URL needs a host and no user information");
        }
        return egress.check(url);
    }

    public MediaStore.StoredFile fetch(URI url, long maxBytes) throws IOException {
        return fetched(url, maxBytes, timeout, temp -> store.adopt(temp, null));
    }

    /** The file at {@code url} in the store's temp area, handed to {@code keep} and deleted after it. */
    public <T> T fetch(URI url, long maxBytes, Downloaded<T> keep) throws IOException {
        return fetched(url, maxBytes, timeout, keep);
    }

    /** A small document (a web page, an image) into memory, under the same rule, all of it within {@code within}. */
    public byte[] fetchBytes(URI url, int maxBytes, Duration within) throws IOException {
        return fetched(url, maxBytes, within, Files::readAllBytes);
    }

    private <T> T fetched(URI url, long maxBytes, Duration within, Downloaded<T> keep) throws IOException {
        Path temp = store.newTempFile();
        try {
            follow(url, temp, maxBytes, within);
            return keep.from(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** What a caller keeps of the downloaded file before it is deleted. */
    @FunctionalInterface
    public interface Downloaded<T> {
        T from(Path file) throws IOException;
    }

    /** The answer at {@code url}, after at most {@value #MAX_REDIRECTS} redirects (each checked), into {@code temp}. */
    private void follow(URI url, Path temp, long maxBytes, Duration within) throws IOException {
        URI next = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            EgressRule.Target target = target(next);
            if (!target.allowed()) {
                throw new IOException(target.refusal());
            }
            CappedDownload.Outcome outcome = download(next, target, temp, maxBytes, within);
            if (outcome.redirect() == null) {
                return;
            }
            next = next.resolve(outcome.redirect());
        }
        throw new IOException("the URL redirected more than " + MAX_REDIRECTS + " times");
    }

    private CappedDownload.Outcome download(URI url, EgressRule.Target target, Path temp, long maxBytes, Duration within)
            throws IOException {
        long waitMillis = Math.min(timeout.toMillis(), within.toMillis());
        RequestOptions request = CheckedAddress.connectTo(new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(url.toString())
                .setFollowRedirects(false)
                .setConnectTimeout(waitMillis)
                .setIdleTimeout(waitMillis), url, target.address());
        CompletableFuture<CappedDownload.Outcome> outcome = new CompletableFuture<>();
        context.runOnContext(ignored -> new CappedDownload(vertx, temp, maxBytes, outcome).start(http, request));
        try {
            return within.compareTo(timeout) < 0 ? outcome.get(within.toMillis(), TimeUnit.MILLISECONDS) : outcome.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the URL", interrupted);
        } catch (java.util.concurrent.TimeoutException slow) {
            throw new IOException("the URL did not answer within " + within.toMillis() + " ms", slow);
        } catch (ExecutionException failed) {
            throw failure(failed.getCause());
        }
    }

    private IOException failure(Throwable cause) {
        if (cause instanceof HttpClosedException) {
            return new IOException("the connection closed before the whole file came (the server closed it, or sent"
                    + " nothing for " + timeout.toMillis() + " ms)", cause);
        }
        if (cause instanceof IOException io && !cause.getClass().getSimpleName().contains("Timeout")) {
            return io;
        }
        if (cause.getClass().getSimpleName().contains("Timeout")) {
            return new IOException("the URL did not answer within " + timeout.toMillis() + " ms", cause);
        }
        return new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
