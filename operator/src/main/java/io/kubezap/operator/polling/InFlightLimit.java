package io.kubezap.operator.polling;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code max} asynchronous calls under way at once; further ones wait, first come first served, and start as
 * earlier ones end — except those submitted {@code ahead} (a pod said its state changed), which start before every
 * other waiting call, in their own order. Nothing here holds a thread: a call that waits is a queued lambda.
 */
final class InFlightLimit {

    private final int max;
    private final Queue<Runnable> waitingAhead = new ArrayDeque<>();
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("an in-flight limit must allow at least one call, not " + max);
        }
        this.max = max;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        return submit(call, false);
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call, boolean ahead) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> started(call).whenComplete((value, error) -> {
            release();
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
        boolean now;
        synchronized (this) {
            now = running < max;
            if (now) {
                running++;
            } else {
                (ahead ? waitingAhead : waiting).add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    synchronized int waiting() {
        return waitingAhead.size() + waiting.size();
    }

    private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The ended call's slot goes to the longest waiting one ahead, else to the longest waiting one, if any. */
    private void release() {
        Runnable next;
        synchronized (this) {
            next = waitingAhead.isEmpty() ? waiting.poll() : waitingAhead.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
