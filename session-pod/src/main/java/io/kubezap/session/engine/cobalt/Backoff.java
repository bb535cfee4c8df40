package io.kubezap.session.engine.cobalt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (0-based) is uniform in
 * {@code [0, min(cap, base * 2^n)]}, so many pods that lost WhatsApp together do not return in step.
 * {@code random} yields values in {@code [0, 1)}.
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier random) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + base + " cap " + cap);
        }
    }

    public static Backoff withJitter(Duration base, Duration cap) {
        return new Backoff(base, cap, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The largest delay retry {@code attempt} may wait. */
    public Duration ceiling(int attempt) {
        var doublings = Math.min(Math.max(attempt, 0), 62);
        var capMillis = cap.toMillis();
        var grown = base.toMillis() << Math.min(doublings, Long.numberOfLeadingZeros(base.toMillis()) - 1);
        return Duration.ofMillis(grown <= 0 ? capMillis : Math.min(capMillis, grown));
    }

    public Duration delay(int attempt) {
        return Duration.ofMillis(Math.round(ceiling(attempt).toMillis() * random.getAsDouble()));
    }
}
