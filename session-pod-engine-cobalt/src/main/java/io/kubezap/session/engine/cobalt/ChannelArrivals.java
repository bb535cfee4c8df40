package io.kubezap.session.engine.cobalt;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A channel's post is stored before Cobalt acknowledges it. Cobalt 0.0.10 acknowledges a post (on the socket's reading
 * thread) before it reads it, and forgets it when the channel is not in its store; the session reads the post from the
 * stanza itself, which reaches it by Cobalt's node callback on a virtual thread started just before. The acknowledgement
 * waits for that thread to have stored the post.
 */
final class ChannelArrivals {
    private static final Logger LOG = Logger.getLogger(ChannelArrivals.class);
    private static final int REMEMBERED = 10_000;
    /** Far more than a virtual thread takes to start; past it the post is acknowledged unstored rather than never. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Map<String, CompletableFuture<Void>> arrivals = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Stores the post {@code key} ({@code channel/id}) unless it was stored already. */
    void arrived(String key, Runnable storing) {
        var arrival = arrival(key);
        if (arrival.isDone()) {
            return;
        }
        try {
            storing.run();
        } finally {
            arrival.complete(null);
        }
    }

    /** Returns once the post {@code key} is stored (or could not be). */
    void awaitStored(String key) {
        try {
            arrival(key).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notStored) {
            LOG.warnf("Channel post %s was not stored before its acknowledgement: %s", key, notStored.toString());
        }
    }

    private CompletableFuture<Void> arrival(String key) {
        synchronized (arrivals) {
            return arrivals.computeIfAbsent(key, ignored -> new CompletableFuture<>());
        }
    }
}
