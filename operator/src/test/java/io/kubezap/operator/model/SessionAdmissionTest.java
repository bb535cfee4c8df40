package io.kubezap.operator.model;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** kubezap.max-sessions counted from what runs, so no slot leaks. */
class SessionAdmissionTest {

    private final SessionAdmission admission = new SessionAdmission(TestSessions.config(Map.of("kubezap.max-sessions", "1")));
    private final Set<SessionKey> statefulSets = new HashSet<>();
    private final SessionKey first = new SessionKey("shop", "first");
    private final SessionKey second = new SessionKey("shop", "second");

    @Test
    void aDeletedSessionWhoseStatefulSetAwaitsGarbageCollectionDoesNotKeepItsSlot() {
        assertThat(admit(first)).isTrue();
        statefulSets.add(first);
        assertThat(admit(second)).isFalse();
        assertThat(admission.isAdmitted(second)).isFalse();

        // first is deleted: cleanup releases it, but its StatefulSet waits for the garbage collector and a late
        // reconcile of the deleted session still sees it
        admission.release(first);
        assertThat(admit(first)).isTrue();
        assertThat(admit(second)).as("the StatefulSet still runs").isFalse();

        statefulSets.remove(first);
        assertThat(admit(second)).as("garbage-collected: the slot is free").isTrue();
        assertThat(admission.isAdmitted(second)).isTrue();
    }

    @Test
    void twoSessionsAskingBeforeEitherStatefulSetExistsDoNotBothGetTheLastSlot() {
        assertThat(admit(first)).isTrue();
        assertThat(admit(second)).isFalse();
        assertThat(admit(first)).as("asking again keeps the slot").isTrue();
    }

    @Test
    void belowTheLimitItAdmitsWithoutListingWhatRuns() {
        var roomy = new SessionAdmission(TestSessions.config(Map.of("kubezap.max-sessions", "3")));
        statefulSets.add(first);
        assertThat(roomy.admit(second, false, statefulSets::size, this::unlisted)).isTrue();
        assertThat(roomy.admit(new SessionKey("shop", "third"), false, statefulSets::size, () -> Set.copyOf(statefulSets)))
                .as("1 running + 1 starting + this one").isTrue();
        assertThat(roomy.admit(new SessionKey("shop", "fourth"), false, statefulSets::size, () -> Set.copyOf(statefulSets)))
                .isFalse();
    }

    @Test
    void aStartingSessionWhoseStatefulSetAppearedHoldsOneSlotNotTwo() {
        var two = new SessionAdmission(TestSessions.config(Map.of("kubezap.max-sessions", "2")));
        assertThat(two.admit(first, false, statefulSets::size, () -> Set.copyOf(statefulSets))).isTrue();
        statefulSets.add(first);
        // first has not been reconciled since: it is both starting and running, 2 by the count, 1 by the set
        assertThat(two.admit(second, false, statefulSets::size, () -> Set.copyOf(statefulSets))).isTrue();
    }

    @Test
    void wellBelowTheLimitARecentCountDoesPlusTheSessionsAdmittedSince() {
        AtomicLong now = new AtomicLong();
        var roomy = new SessionAdmission(TestSessions.config(Map.of("kubezap.max-sessions", "4")), now::get);
        AtomicInteger counts = new AtomicInteger();
        IntSupplier counted = () -> {
            counts.incrementAndGet();
            return statefulSets.size();
        };

        assertThat(roomy.admit(first, false, counted, this::unlisted)).isTrue();
        statefulSets.add(first);
        assertThat(roomy.admit(first, true, counted, this::unlisted)).as("first runs: no longer starting").isTrue();
        assertThat(roomy.admit(second, false, counted, this::unlisted)).isTrue();
        assertThat(counts).as("the first count still holds, with first admitted since").hasValue(1);

        now.addAndGet(SessionAdmission.COUNT_VALID_FOR.toNanos());
        assertThat(roomy.admit(new SessionKey("shop", "third"), false, counted, this::unlisted)).isTrue();
        assertThat(counts).as("counted again once it is old").hasValue(2);
    }

    @Test
    void aRecentCountThatWouldRefuseIsTakenAgain() {
        AtomicLong now = new AtomicLong();
        var two = new SessionAdmission(TestSessions.config(Map.of("kubezap.max-sessions", "2")), now::get);
        statefulSets.add(new SessionKey("shop", "deleted"));
        statefulSets.add(new SessionKey("shop", "also-deleted"));
        assertThat(two.admit(first, false, statefulSets::size, () -> Set.copyOf(statefulSets))).isFalse();

        statefulSets.clear(); // garbage-collected within the second
        assertThat(two.admit(first, false, statefulSets::size, () -> Set.copyOf(statefulSets))).isTrue();
    }

    private boolean admit(SessionKey session) {
        return admission.admit(session, statefulSets.contains(session), statefulSets::size, () -> Set.copyOf(statefulSets));
    }

    private Set<SessionKey> unlisted() {
        throw new AssertionError("listed every running session below the limit");
    }
}
