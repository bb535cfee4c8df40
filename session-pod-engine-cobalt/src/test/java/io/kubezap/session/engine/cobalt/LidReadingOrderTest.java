package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cobalt's reading thread as it meets two one-to-one messages from a LID: for each it starts the listener's virtual
 * thread, then reports the message to the error handler. The listeners may run in any order.
 */
class LidReadingOrderTest {

    private final LidReadingOrder order = new LidReadingOrder(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private final List<String> stored = new CopyOnWriteArrayList<>();

    @Test
    void aContactsSecondMessageIsStoredAfterItsFirstEvenWhenTheFirstIsReadSlowly() throws Exception {
        var firstMayRun = new CountDownLatch(1);
        Thread reading = readingThread(() -> {
            Thread.startVirtualThread(() -> order.read(() -> {
                awaitLatch(firstMayRun); // its listener is late: the machine is busy, or its pre-key opens the session
                stored.add("Oi");
            }));
            order.awaitReading();
            Thread.startVirtualThread(() -> order.read(() -> stored.add("Tudo bem?")));
            order.awaitReading();
        });
        // the first listener goes on once the reading thread waits for it, or once the second message is stored
        while (!stored.contains("Tudo bem?") && !waiting(reading) && reading.isAlive()) {
            Thread.onSpinWait();
        }
        firstMayRun.countDown();
        assertThat(reading.join(Duration.ofSeconds(20))).as("the reading thread finished").isTrue();
        await().until(() -> stored.size() == 2);

        assertThat(stored).containsExactly("Oi", "Tudo bem?");
    }

    @Test
    void theReadingThreadWaitsForAListenerThreadThatBeginsLate() throws Exception {
        join(readingThread(() -> {
            Thread late = Thread.ofVirtual().unstarted(() -> order.read(() -> stored.add("Oi")));
            Thread.startVirtualThread(() -> {
                sleep(300);
                late.start();
            });
            order.awaitReading();
            stored.add("next stanza read");
        }));

        assertThat(stored).containsExactly("Oi", "next stanza read");
    }

    @Test
    void aReportWithoutAMessageFromALidWaitsNoLongerThanAListenerMayTakeToBegin() throws Exception {
        var impatient = new LidReadingOrder(Duration.ofMillis(200), Duration.ofSeconds(5));
        long started = System.nanoTime();
        join(readingThread(impatient::awaitReading));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void threadsMadeOneAfterAnotherHaveRisingIds() {
        // what the order relies on: the JVM numbers threads as they are made
        long previous = 0;
        for (int i = 0; i < 1_000; i++) {
            long id = Thread.ofVirtual().unstarted(() -> { }).threadId();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    private static Thread readingThread(Runnable reading) {
        return Thread.ofPlatform().name("cobalt-reading-thread").start(reading);
    }

    private static void join(Thread thread) throws InterruptedException {
        assertThat(thread.join(Duration.ofSeconds(20))).as("the reading thread finished").isTrue();
    }

    private static boolean waiting(Thread thread) {
        return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
