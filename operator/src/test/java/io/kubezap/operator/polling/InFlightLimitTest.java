package io.kubezap.operator.polling;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Which waiting call gets a freed slot: order only, no call's length matters. */
class InFlightLimitTest {

    @Test
    void aCallSubmittedAheadGetsTheNextFreeSlotBeforeTheCallsQueuedEarlier() {
        InFlightLimit limit = new InFlightLimit(1);
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<String> running = new CompletableFuture<>();
        limit.submit(() -> {
            started.add("running");
            return running;
        });
        for (int i = 0; i < 3; i++) {
            String name = "swept-" + i;
            limit.submit(() -> {
                started.add(name);
                return new CompletableFuture<String>(); // a pod that never answers
            });
        }
        CompletableFuture<String> notified = limit.submit(() -> {
            started.add("notified");
            return CompletableFuture.completedFuture("answered");
        }, true);

        running.complete("answered");

        assertThat(notified).isCompletedWithValue("answered");
        assertThat(started).as("the notified call goes ahead of the sweep's, then the sweep goes on in its order")
                .containsExactly("running", "notified", "swept-0");
        assertThat(limit.waiting()).isEqualTo(2);
    }

    @Test
    void callsSubmittedAheadKeepTheirOwnOrder() {
        InFlightLimit limit = new InFlightLimit(1);
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<String> running = new CompletableFuture<>();
        limit.submit(() -> running);
        limit.submit(() -> {
            started.add("swept");
            return CompletableFuture.completedFuture("answered");
        });
        for (int i = 0; i < 2; i++) {
            String name = "notified-" + i;
            limit.submit(() -> {
                started.add(name);
                return CompletableFuture.completedFuture("answered");
            }, true);
        }

        running.complete("answered");

        assertThat(started).containsExactly("notified-0", "notified-1", "swept");
        assertThat(limit.waiting()).isZero();
    }
}
