package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An upgrade that changes every pod template rolls at most kubezap.max-concurrent-rollouts pods at once. */
class RolloutGateTest {

    private final List<StatefulSet> cache = new ArrayList<>();
    private final RolloutGate gate = new RolloutGate(2, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theDefaultIsTen() {
        assertThat(TestSessions.config(Map.of()).maxConcurrentRollouts()).isEqualTo(10);
    }

    @Test
    void furtherRolloutsWaitUntilEarlierPodsAreReady() {
        for (String name : List.of("a", "b", "c")) {
            cache.add(statefulSet(name, "rev-1", "rev-1", 1));
        }
        assertThat(mayRoll("a")).isTrue();
        assertThat(mayRoll("b")).isTrue();
        assertThat(mayRoll("c")).as("two granted, the cache does not show them rolling yet").isFalse();

        // the controller picked them up: a and b roll (new revision, pod not ready)
        cache.set(0, statefulSet("a", "rev-1", "rev-2", 0));
        cache.set(1, statefulSet("b", "rev-1", "rev-2", 0));
        assertThat(mayRoll("c")).isFalse();
        assertThat(mayRoll("a")).as("a session already rolling may go on").isTrue();

        cache.set(0, statefulSet("a", "rev-2", "rev-2", 1));
        assertThat(mayRoll("c")).as("a is ready on its new revision").isTrue();
    }

    @Test
    void aSuspendedSessionIsNotRolling() {
        cache.add(statefulSet("a", "rev-1", "rev-1", 0, 0));
        cache.add(statefulSet("b", "rev-1", "rev-1", 0, 0));
        assertThat(mayRoll("c")).isTrue();
    }

    private boolean mayRoll(String name) {
        return gate.mayRoll(new ResourceID(name, "shop"), List.copyOf(cache).stream());
    }

    private static StatefulSet statefulSet(String name, String current, String update, int ready) {
        return statefulSet(name, current, update, ready, 1);
    }

    private static StatefulSet statefulSet(String name, String current, String update, int ready, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace("shop").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(1L).withCurrentRevision(current).withUpdateRevision(update)
                .withReadyReplicas(ready).withReplicas(replicas).endStatus()
                .build();
    }
}
