package io.kubezap.session.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(60);

    @Test
    void ceilingDoublesPerAttemptUpToTheCap() {
        var backoff = new Backoff(BASE, CAP, () -> 0.5);

        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(6)).isEqualTo(CAP);
        assertThat(backoff.ceiling(40)).isEqualTo(CAP);
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(CAP);
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(new Backoff(BASE, CAP, () -> 0.0).delay(3)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(BASE, CAP, () -> 0.25).delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(BASE, CAP, () -> 0.999).delay(3)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
    }

    @Test
    void realJitterStaysWithinTheCeiling() {
        var backoff = Backoff.withJitter(BASE, CAP);

        for (var attempt = 0; attempt < 12; attempt++) {
            assertThat(backoff.delay(attempt)).isBetween(Duration.ZERO, backoff.ceiling(attempt));
        }
    }

    @Test
    void capBelowBaseIsRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutJitterDoublesUpToTheCap() {
        Backoff backoff = Backoff.withoutJitter(Duration.ofSeconds(2), Duration.ofSeconds(60));
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(999)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void equalJitterStaysBetweenHalfAndAllOfTheCeilingSoWaitsGrow() {
        Backoff backoff = Backoff.withEqualJitter(Duration.ofMillis(200), Duration.ofSeconds(60));
        for (int attempt = 0; attempt < 8; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            for (int sample = 0; sample < 50; sample++) {
                assertThat(backoff.delay(attempt)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
    }
}
