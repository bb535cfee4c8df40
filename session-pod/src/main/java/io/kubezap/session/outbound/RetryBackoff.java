package io.kubezap.session.outbound;

import java.time.Duration;

/** Exponential delay between send attempts: initial, 2×, 4×, … capped at {@code max}. */
public record RetryBackoff(Duration initial, Duration max) {

    /** Delay after the given failed attempt (1-based). */
    public Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
