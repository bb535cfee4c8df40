package io.kubezap.session.stream;

import io.smallrye.mutiny.subscription.MultiEmitter;

import java.time.Duration;

/**
 * The client's demand, as the HTTP layer signals it: Quarkus REST asks for the next event only once the previous
 * one was written to the connection, so a client that does not read stops the demand.
 */
final class Demand {

    private final MultiEmitter<?> emitter;
    private final Object changed = new Object();

    Demand(MultiEmitter<?> emitter) {
        this.emitter = emitter;
        emitter.onRequest(n -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        });
    }

    /** True once the client wants another event (or went away), false when it wanted none for {@code timeout}. */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (emitter.requested() <= 0 && !emitter.isCancelled()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
            }
        }
        return true;
    }

    boolean now() {
        return emitter.requested() > 0;
    }
}
