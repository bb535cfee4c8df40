package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An upgrade that changes every pod template rolls at most kubezap.max-concurrent-rollouts pods of a namespace at once. */
class RolloutGateTest {

    private final List<StatefulSet> cache = new ArrayList<>();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private RolloutGate gate = new RolloutGate(RolloutBudget.parse("2"), CLOCK);

    @Test
    void theDefaultIsTen() {
        assertThat(RolloutBudget.parse(TestSessions.config(Map.of()).maxConcurrentRollouts()).allowed(1000)).isEqualTo(10);
    }

    @Test
    void oneTenantsCrashLoopingSessionsDoNotHoldBackAnotherTenantsRollout() {
        for (String name : List.of("x", "y", "z")) {
            cache.add(statefulSet("broken", name, "rev-1", "rev-2", 0, 1));
        }
        cache.add(statefulSet("a", "rev-1", "rev-1", 1));
        assertThat(gate.mayRoll(new SessionKey("broken", "x4"), List.copyOf(cache).stream()))
                .as("the broken tenant's own budget is spent by its never-ready pods").isFalse();
        assertThat(mayRoll("a")).as("another namespace rolls on its own budget").isTrue();
    }

    @Test
    void acrossNamespacesNoMoreThanTheOperatorWideCeilingRollAtOnce() {
        gate = new RolloutGate(RolloutBudget.parse("10"), 5, CLOCK);
        List<SessionKey> waiting = new ArrayList<>();
        for (String namespace : List.of("shop", "bank", "clinic", "school")) {
            for (int i = 0; i < 6; i++) {
                cache.add(statefulSet(namespace, "s" + i, "rev-1", "rev-1", 1, 1));
                waiting.add(new SessionKey(namespace, "s" + i));
            }
        }
        int most = 0;
        for (int round = 0; !waiting.isEmpty(); round++) {
            assertThat(round).as("every session rolls in the end").isLessThan(100);
            for (SessionKey session : List.copyOf(waiting)) {
                if (gate.mayRoll(session, List.copyOf(cache).stream())) {
                    waiting.remove(session);
                    replace(session, statefulSet(session.namespace(), session.name(), "rev-1", "rev-2", 0, 1));
                }
            }
            long rollingNow = cache.stream().filter(RolloutGate::rolling).count();
            most = Math.max(most, (int) rollingNow);
            // the controller brings the oldest two rollouts to ready on their new revision
            cache.stream().filter(RolloutGate::rolling).limit(2).toList().forEach(done -> replace(
                    SessionKey.of(done), statefulSet(done.getMetadata().getNamespace(),
                            done.getMetadata().getName(), "rev-2", "rev-2", 1, 1)));
        }
        assertThat(most).as("24 sessions in 4 namespaces whose budget of 10 each would let them all go").isEqualTo(5);
    }

    @Test
    void aRolloutNotReadyAfterTenMinutesNoLongerHoldsBackOtherNamespaces() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(CLOCK.instant());
        gate = new RolloutGate(RolloutBudget.parse("10"), 2, new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return clock.get(); }
        });
        cache.add(statefulSet("broken", "x", "rev-1", "rev-2", 0, 1));
        cache.add(statefulSet("broken", "y", "rev-1", "rev-2", 0, 1));
        cache.add(statefulSet("a", "rev-1", "rev-1", 1));
        assertThat(mayRoll("a")).as("two crash-looping rollouts fill the ceiling").isFalse();
        clock.set(clock.get().plus(RolloutGate.CEILING_COUNTS_FOR).plusSeconds(1));
        assertThat(mayRoll("a")).as("stuck for longer than the deadline: only their namespace waits").isTrue();
    }

    private void replace(SessionKey session, StatefulSet next) {
        cache.replaceAll(s -> SessionKey.of(s).equals(session) ? next : s);
    }

    @Test
    void aPercentageIsAShareOfTheNamespacesSessionsAndAtLeastOne() {
        gate = new RolloutGate(RolloutBudget.parse("25%"), CLOCK);
        for (int i = 0; i < 8; i++) {
            cache.add(statefulSet("s" + i, "rev-1", "rev-1", 1));
        }
        assertThat(List.of(mayRoll("s0"), mayRoll("s1"), mayRoll("s2"))).containsExactly(true, true, false);
        assertThat(RolloutBudget.parse("25%").allowed(2)).isEqualTo(1);
    }

    @Test
    void aBudgetThatIsNeitherACountNorAPercentageIsRefusedSayingWhy() {
        for (String bad : List.of("0", "150%", "ten", "", "-1")) {
            assertThatThrownBy(() -> RolloutBudget.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count (10) or a percentage");
        }
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

    @Test
    void anUnchangedTemplateIsNotCountedAndAChangedOneWaitsForItsTurn() {
        for (String name : List.of("a", "b")) {
            cache.add(statefulSet(name, "rev-1", "rev-1", 1));
        }
        gate = new RolloutGate(RolloutBudget.parse("1"), CLOCK);
        StatefulSet current = withTemplate(statefulSet("a", "rev-1", "rev-1", 1), "hash-1");

        assertThat(gate.turn(new SessionKey("shop", "a"), withTemplate(statefulSet("a", "rev-1", "rev-1", 1), "hash-1"),
                java.util.Optional.of(current), () -> {
                    throw new AssertionError("the cache is counted only for a changed template");
                })).isEqualTo(RolloutTurn.NOW);
        assertThat(turn("a", current)).as("the namespace's one slot").isEqualTo(RolloutTurn.NOW);
        assertThat(turn("b", withTemplate(statefulSet("b", "rev-1", "rev-1", 1), "hash-1")))
                .as("a still rolls").isEqualTo(RolloutTurn.LATER);
        assertThat(gate.turn(new SessionKey("shop", "c"), withTemplate(statefulSet("c", "rev-1", "rev-1", 1), "hash-2"),
                java.util.Optional.empty(), () -> List.copyOf(cache).stream()))
                .as("a new session has no template to keep").isEqualTo(RolloutTurn.NOW);
    }

    private RolloutTurn turn(String name, StatefulSet current) {
        return gate.turn(new SessionKey("shop", name), withTemplate(statefulSet(name, "rev-1", "rev-1", 1), "hash-2"),
                java.util.Optional.of(current), () -> List.copyOf(cache).stream());
    }

    private static StatefulSet withTemplate(StatefulSet statefulSet, String hash) {
        return new StatefulSetBuilder(statefulSet).editSpec().withNewTemplate().withNewMetadata()
                .addToAnnotations(PodTemplateHash.ANNOTATION, hash).endMetadata().endTemplate().endSpec().build();
    }

    private boolean mayRoll(String name) {
        return gate.mayRoll(new SessionKey("shop", name), List.copyOf(cache).stream());
    }

    private static StatefulSet statefulSet(String name, String current, String update, int ready) {
        return statefulSet(name, current, update, ready, 1);
    }

    private static StatefulSet statefulSet(String name, String current, String update, int ready, int replicas) {
        return statefulSet("shop", name, current, update, ready, replicas);
    }

    private static StatefulSet statefulSet(String namespace, String name, String current, String update, int ready,
                                           int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(1L).withCurrentRevision(current).withUpdateRevision(update)
                .withReadyReplicas(ready).withReplicas(replicas).endStatus()
                .build();
    }
}
