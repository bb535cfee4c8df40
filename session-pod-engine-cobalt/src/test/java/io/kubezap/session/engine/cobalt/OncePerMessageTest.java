package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class OncePerMessageTest {

    private final OncePerMessage once = new OncePerMessage();

    @Test
    void theSecondAskerWaitsUntilTheFirstHasStoredTheMessageAndDoesNotStoreItAgain() throws Exception {
        var stores = new AtomicInteger();
        var storing = new CountDownLatch(1);
        var mayFinish = new CountDownLatch(1);
        var callback = Thread.ofVirtual().start(() -> once.handle("chat/ID1", () -> {
            stores.incrementAndGet();
            storing.countDown();
            await(mayFinish);
        }));
        storing.await();
        var acknowledgementLeft = new CountDownLatch(1);
        var acknowledgement = Thread.ofVirtual().start(() -> {
            once.handle("chat/ID1", stores::incrementAndGet);
            acknowledgementLeft.countDown();
        });

        assertThat(acknowledgementLeft.await(300, TimeUnit.MILLISECONDS)).as("left before the message was stored").isFalse();
        mayFinish.countDown();
        callback.join();
        acknowledgement.join();
        assertThat(stores).hasValue(1);
    }

    @Test
    void eachMessageIsHandledOnItsOwn() {
        var stores = new AtomicInteger();
        once.handle("chat/ID1", stores::incrementAndGet);
        once.handle("chat/ID2", stores::incrementAndGet);
        once.handle("chat/ID1", stores::incrementAndGet);

        assertThat(stores).hasValue(2);
    }

    @Test
    void aFailedHandlingDoesNotHoldTheAcknowledgementForever() {
        try {
            once.handle("chat/ID1", () -> {
                throw new IllegalStateException("database said no");
            });
        } catch (IllegalStateException expected) {
            // the caller's to report
        }
        once.handle("chat/ID1", () -> { });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
