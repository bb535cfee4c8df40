package io.kubezap.session.runtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SettledHeapCollectionTest {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger collections = new AtomicInteger();
    private final SettledHeapCollection collection = new SettledHeapCollection(QUIET, clock, collections::incrementAndGet);

    @Test
    void nothingIsCollectedBeforeTheSessionIsConnectedHoweverLongItWaits() {
        clock.advance(Duration.ofMinutes(10));
        assertThat(collection.step()).contains(QUIET);
        assertThat(collections).hasValue(0);
    }

    @Test
    void theHeapIsCollectedOnceTheConnectedSessionHasHadNoEventForTheQuietPeriod() {
        assertThat(collection.connected(true)).as("the first connection starts the wait").isTrue();
        clock.advance(Duration.ofSeconds(20));
        collection.activity();
        clock.advance(Duration.ofSeconds(25));
        assertThat(collection.step()).as("an engine event 25 s ago: 5 s more").contains(Duration.ofSeconds(5));
        assertThat(collections).hasValue(0);

        clock.advance(Duration.ofSeconds(5));
        assertThat(collection.step()).isEmpty();
        assertThat(collections).hasValue(1);
    }

    @Test
    void aDisconnectionBeforeTheSessionSettledStartsTheQuietPeriodAgainOnceConnected() {
        collection.connected(true);
        clock.advance(Duration.ofSeconds(10));
        assertThat(collection.connected(false)).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(collection.step()).contains(QUIET);
        assertThat(collection.connected(true)).as("the wait is already running").isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(collection.step()).contains(Duration.ofSeconds(1));
        assertThat(collections).hasValue(0);
    }

    @Test
    void neverASecondCollectionInThePodsLifeWhateverFollows() {
        collection.connected(true);
        clock.advance(QUIET);
        assertThat(collection.step()).isEmpty();

        collection.connected(false);
        assertThat(collection.connected(true)).isFalse();
        for (int hour = 0; hour < 24; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(collection.step()).isEmpty();
        }
        assertThat(collections).hasValue(1);
    }

    @Test
    void aQuietPeriodOfZeroTurnsItOff() {
        var off = new SettledHeapCollection(Duration.ZERO, clock, collections::incrementAndGet);
        assertThat(off.connected(true)).isFalse();
        assertThat(collections).hasValue(0);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
