package io.kubezap.session.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff: the delay before retry {@code n} (0-based) is {@code random} times its ceiling
 * {@code min(cap, base * 2^n)}. {@code random} yields values in {@code [0, 1]}; the factories name the
 * usual choices. Shared by the engine's reconnects, the outbound queue and webhook deliveries.
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier random) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + base + " cap " + cap);
        }
    }

    /** No jitter: the ceilings themselves (base, 2 base, 4 base, … cap). */
    public static Backoff withoutJitter(Duration base, Duration cap) {
        return new Backoff(base, cap, () -> 1.0);
    }

    /** Equal jitter: between half and all of the ceiling, so waits still grow from attempt to attempt. */
    public static Backoff withEqualJitter(Duration base, Duration cap) {
        return new Backoff(base, cap, () -> 0.5 + 0.5 * ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Full jitter: uniform in {@code [0, ceiling]}, so many pods that lost WhatsApp together do not
     * return in step.
     */
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
