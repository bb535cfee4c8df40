package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QrRotatorTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<EngineEvent.QrIssued> issued = new CopyOnWriteArrayList<>();
    private final AtomicInteger exhausted = new AtomicInteger();
    private final QrRotator rotator = new QrRotator(new QrSchedule(Duration.ofMillis(300), Duration.ofMillis(100)),
            Clock.systemUTC(), scheduler, event -> issued.add((EngineEvent.QrIssued) event), exhausted::incrementAndGet);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void showsEveryRefInOrderThenAsksForNewOnes() {
        rotator.rotate(List.of("qr-1", "qr-2", "qr-3"));

        await().atMost(Duration.ofSeconds(10)).until(() -> exhausted.get() == 1);
        assertThat(issued).extracting(EngineEvent.QrIssued::payload).containsExactly("qr-1", "qr-2", "qr-3");
        var first = issued.get(0).expiresAt();
        assertThat(issued.get(1).expiresAt()).isEqualTo(first.plusMillis(100));
        assertThat(issued.get(2).expiresAt()).isEqualTo(first.plusMillis(200));
    }

    @Test
    void stoppedRotationShowsNothingMore() {
        rotator.rotate(List.of("qr-1", "qr-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> issued.size() == 1);

        rotator.stop();

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> issued.size() == 1);
        assertThat(exhausted).hasValue(0);
    }

    @Test
    void newRefsReplaceTheRunningRotation() {
        rotator.rotate(List.of("old-1", "old-2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> issued.size() == 1);

        rotator.rotate(List.of("new-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> exhausted.get() == 1);
        assertThat(issued).extracting(EngineEvent.QrIssued::payload).containsExactly("old-1", "new-1");
    }
}
