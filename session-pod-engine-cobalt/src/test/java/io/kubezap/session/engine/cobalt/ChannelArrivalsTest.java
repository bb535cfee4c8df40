package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cobalt acknowledges a channel's post on its reading thread while the post is stored from the node callback's thread:
 * the acknowledgement leaves only once the post is stored, whichever thread comes first.
 */
class ChannelArrivalsTest {

    private static final String POST = "120363000000000001@newsletter/POST1";

    @Test
    void theAcknowledgementWaitsForThePostBeingStored() throws Exception {
        var arrivals = new ChannelArrivals();
        var storing = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var stored = new AtomicBoolean();
        var storer = Thread.startVirtualThread(() -> arrivals.arrived(POST, () -> {
            storing.countDown();
            await(release);
            stored.set(true);
        }));
        storing.await();
        var storedWhenAcknowledged = new AtomicBoolean();
        var acknowledger = Thread.startVirtualThread(() -> {
            arrivals.awaitStored(POST);
            storedWhenAcknowledged.set(stored.get());
        });
        Thread.sleep(200);
        release.countDown();
        acknowledger.join();
        storer.join();

        assertThat(storedWhenAcknowledged).isTrue();
    }

    @Test
    void anAcknowledgementBeforeThePostsArrivalWaitsForItToo() throws Exception {
        var arrivals = new ChannelArrivals();
        var stored = new AtomicBoolean();
        var storedWhenAcknowledged = new AtomicBoolean();
        var acknowledger = Thread.startVirtualThread(() -> {
            arrivals.awaitStored(POST);
            storedWhenAcknowledged.set(stored.get());
        });
        Thread.sleep(200);
        arrivals.arrived(POST, () -> stored.set(true));
        acknowledger.join();

        assertThat(storedWhenAcknowledged).isTrue();
    }

    @Test
    void aPostDeliveredTwiceIsStoredOnce() {
        var arrivals = new ChannelArrivals();
        var stores = new AtomicInteger();

        arrivals.arrived(POST, stores::incrementAndGet);
        arrivals.arrived(POST, stores::incrementAndGet);

        assertThat(stores).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
