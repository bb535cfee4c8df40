package io.kubezap.session.engine.cobalt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Handles each received message once, whichever asks first: Cobalt's new-message callback (a virtual thread of its
 * own) or its acknowledgement of the message (the socket's reading thread). The other waits until that handling is
 * done, so an acknowledgement never leaves before the message is stored.
 */
final class OncePerMessage {

    /** How many handlings to remember: more than a burst (the offline queue after a restart) holds. */
    private static final int REMEMBERED = 10_000;

    private final Map<String, CompletableFuture<Void>> handlings = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Runs {@code handling} unless the message {@code key} was handled or is being handled; then waits for that. */
    void handle(String key, Runnable handling) {
        var mine = new CompletableFuture<Void>();
        CompletableFuture<Void> first;
        synchronized (handlings) {
            first = handlings.putIfAbsent(key, mine);
        }
        if (first != null) {
            first.join();
            return;
        }
        try {
            handling.run();
        } finally {
            mine.complete(null);
        }
    }
}
