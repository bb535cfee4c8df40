package io.kubezap.session.e2e;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A request to a pod that may be dead or starting (the crash tests kill it): asked again, as the caller gives it (with
 * the same idempotency key), every 200 ms until the pod answers as the request expects.
 */
final class UntilAnswered {

    /** What the request answered, and on which try (1: at once). */
    record Answer<T>(T value, int tries) {
    }

    private UntilAnswered() {
    }

    /** The request's answer; empty when it never came within 1,000 tries, or the caller was interrupted. */
    static <T> Optional<Answer<T>> ask(Callable<T> request) {
        for (int attempt = 1; attempt <= 1000; attempt++) {
            try {
                return Optional.of(new Answer<>(request.call(), attempt));
            } catch (Exception | AssertionError noAnswer) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
