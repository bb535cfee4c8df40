package io.kubezap.session.keystore;

import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DebouncedKeyStoreMirrorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final UUID DEVICE = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T13:00:00Z"));
    private final Table table = new Table();
    private final DebouncedKeyStoreMirror mirror = new DebouncedKeyStoreMirror(table, INTERVAL,
            Backoff.withoutJitter(Duration.ofSeconds(1), Duration.ofSeconds(8)), clock);
    private final AtomicInteger volumeReads = new AtomicInteger();
    private volatile String onTheVolume = "keys 1";

    @Test
    void aBurstOfChangesCostsOneCopyPerIntervalAndTheCopyIsOfTheLastState() {
        changeAndTick("keys 1");
        assertThat(table.writes).containsExactly("keys 1");

        for (int message = 2; message <= 100; message++) {
            clock.advance(Duration.ofMillis(90));
            changeAndTick("keys " + message);
        }
        assertThat(table.writes).containsExactly("keys 1");

        clock.advance(INTERVAL);
        mirror.tick();
        assertThat(table.writes).containsExactly("keys 1", "keys 100");
        assertThat(volumeReads).hasValue(2);

        clock.advance(INTERVAL);
        mirror.tick();
        assertThat(table.writes).as("nothing changed since").hasSize(2);
    }

    @Test
    void whileTheDatabaseIsDownChangesReturnAtOnceAndTheCopyCatchesUpOnceItAnswers() {
        table.down = true;
        changeAndTick("keys 1");
        changeAndTick("keys 2");
        assertThat(mirror.owes()).isTrue();
        assertThat(table.writes).isEmpty();

        for (int second = 0; second < 30; second++) {
            clock.advance(Duration.ofSeconds(1));
            mirror.changed(this::volume); // a message: nothing waits for the database
            mirror.tick();
        }
        assertThat(table.attempts.get()).as("retried with backoff, not every tick").isBetween(4, 8);

        table.down = false;
        clock.advance(Duration.ofSeconds(8));
        mirror.tick();
        assertThat(table.writes).containsExactly("keys 2");
        assertThat(mirror.owes()).isFalse();
    }

    @Test
    void aChangeNeverWaitsForACopyInProgress() throws Exception {
        table.blockWrites = new CountDownLatch(1);
        mirror.changed(this::volume);
        var copying = Thread.ofVirtual().start(mirror::tick);
        table.writeStarted.await(5, TimeUnit.SECONDS);

        var changed = Thread.ofVirtual().start(() -> mirror.changed(this::volume));
        assertThat(changed.join(Duration.ofSeconds(5))).as("changed() returned while the database hangs").isTrue();

        table.blockWrites.countDown();
        copying.join();
    }

    @Test
    void aForgottenDeviceIsDeletedAndNeverCopiedAgainWhileANewDeviceIs() {
        changeAndTick("keys 1");
        mirror.forget(DEVICE);
        clock.advance(INTERVAL);
        mirror.changed(this::volume); // the logged-out device's last write, as the socket closes
        mirror.tick();
        assertThat(table.deletes).isEqualTo(1);
        assertThat(table.writes).containsExactly("keys 1");

        var relinked = UUID.randomUUID();
        clock.advance(INTERVAL);
        mirror.changed(() -> Optional.of(copy(relinked, "new device")));
        mirror.tick();
        assertThat(table.writes).containsExactly("keys 1", "new device");
    }

    @Test
    void aDeleteTheDatabaseRefusedIsRetried() {
        changeAndTick("keys 1");
        table.down = true;
        mirror.forget(DEVICE);
        mirror.tick();
        table.down = false;
        clock.advance(Duration.ofSeconds(2));
        mirror.tick();
        assertThat(table.deletes).isEqualTo(1);
        assertThat(mirror.owes()).isFalse();
    }

    @Test
    void aCleanStopCopiesWhatIsOwedWithoutWaitingForTheInterval() {
        changeAndTick("keys 1");
        clock.advance(Duration.ofSeconds(1));
        changeAndTick("keys 2");
        assertThat(table.writes).containsExactly("keys 1");

        assertThat(mirror.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(table.writes).containsExactly("keys 1", "keys 2");
    }

    @Test
    void aStopGivesUpOnADatabaseThatDoesNotAnswerAfterItsPatience() {
        table.blockWrites = new CountDownLatch(1);
        mirror.changed(this::volume);

        assertThat(mirror.flush(Duration.ofMillis(200))).isFalse();
        table.blockWrites.countDown();
    }

    @Test
    void aStartedMirrorWakesOnlyForWhatIsOwedAndMakesItWithoutBeingTicked() throws Exception {
        var ticker = new ScheduledThreadPoolExecutor(1);
        var started = new DebouncedKeyStoreMirror(table, INTERVAL, Backoff.withoutJitter(Duration.ofSeconds(1),
                Duration.ofSeconds(8)), clock, ticker);
        try {
            started.start();
            assertThat(ticker.getQueue()).as("an idle session's mirror schedules nothing").isEmpty();

            onTheVolume = "keys 1";
            started.changed(this::volume);
            await().atMost(Duration.ofSeconds(10)).until(() -> table.writes.contains("keys 1") && ticker.getQueue().isEmpty());

            clock.advance(INTERVAL);
            onTheVolume = "keys 2";
            started.changed(this::volume);
            await().atMost(Duration.ofSeconds(10)).until(() -> table.writes.contains("keys 2") && ticker.getQueue().isEmpty());
            assertThat(table.writes).containsExactly("keys 1", "keys 2");
            assertThat(started.owes()).isFalse();
        } finally {
            started.stop();
        }
    }

    private void changeAndTick(String keys) {
        onTheVolume = keys;
        mirror.changed(this::volume);
        mirror.tick();
    }

    private Optional<KeyStoreCopy> volume() {
        volumeReads.incrementAndGet();
        return Optional.of(copy(DEVICE, onTheVolume));
    }

    private KeyStoreCopy copy(UUID device, String keys) {
        return new KeyStoreCopy(device, keys.getBytes(StandardCharsets.UTF_8), new byte[]{1}, clock.instant());
    }

    private static final class Table implements KeyStoreMirrorTable {
        final List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        final CountDownLatch writeStarted = new CountDownLatch(1);
        volatile CountDownLatch blockWrites;
        volatile boolean down;
        int deletes;

        @Override
        public Optional<KeyStoreCopy> read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(KeyStoreCopy copy) {
            attempts.incrementAndGet();
            writeStarted.countDown();
            if (blockWrites != null) {
                try {
                    blockWrites.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            refuseWhileDown();
            writes.add(new String(copy.keys(), StandardCharsets.UTF_8));
        }

        @Override
        public void delete() {
            refuseWhileDown();
            deletes++;
        }

        private void refuseWhileDown() {
            if (down) {
                throw new IllegalStateException("Connection refused");
            }
        }
    }
}
