package io.kubezap.operator.model;

import io.kubezap.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Enforces {@code kubezap.max-sessions}. The slots in use are counted from the informer cache of StatefulSets (a
 * session that runs holds a slot, whatever happened to the operator in between), plus the sessions admitted a moment
 * ago whose StatefulSet is not in the cache yet. Nothing is remembered beyond that, so a slot frees up when its
 * StatefulSet is gone, garbage-collected after its session was deleted. Counting walks the whole cache, so well below
 * the limit a count up to {@link #COUNT_VALID_FOR} old does, plus every session admitted since (an upper bound: only an
 * admission makes a StatefulSet); at thousands of new sessions a count each was quadratic.
 */
@ApplicationScoped
public class SessionAdmission {

    static final Duration COUNT_VALID_FOR = Duration.ofSeconds(1);

    private final int maxSessions;
    private final LongSupplier nanoTime;
    /** Admitted, StatefulSet not seen yet: counted so that two sessions admitted at once cannot pass the limit. */
    private final Set<SessionKey> starting = new HashSet<>();
    private final Set<SessionKey> refused = new HashSet<>();
    private int counted;
    private long countedAt;
    private boolean countKnown;
    private int admittedSinceCount;

    @Inject
    public SessionAdmission(OperatorConfig config) {
        this(config, System::nanoTime);
    }

    SessionAdmission(OperatorConfig config, LongSupplier nanoTime) {
        this.maxSessions = config.maxSessions();
        this.nanoTime = nanoTime;
    }

    /**
     * @param session        the session asking
     * @param hasStatefulSet whether the session already runs (then it always keeps its slot)
     * @param runningCount   how many StatefulSets the informer cache holds
     * @param running        the sessions that own a StatefulSet in the informer cache
     */
    public synchronized boolean admit(SessionKey session, boolean hasStatefulSet, IntSupplier runningCount,
                                      Supplier<Set<SessionKey>> running) {
        if (hasStatefulSet || starting.contains(session)) {
            if (hasStatefulSet) {
                starting.remove(session);
            }
            refused.remove(session);
            return true;
        }
        // running and starting overlap until a starting session's next reconcile: their sum is an upper bound, and
        // below the limit it decides without a set of every session (thousands of them, at every new session)
        if (runningAtMost(runningCount) + starting.size() < maxSessions) {
            return admitted(session);
        }
        Set<SessionKey> held = new HashSet<>(running.get());
        starting.removeIf(held::contains);
        held.addAll(starting);
        if (held.size() >= maxSessions) {
            refused.add(session);
            return false;
        }
        return admitted(session);
    }

    /**
     * The StatefulSets running now, or more: the last count while it is recent, plus the sessions admitted since;
     * counted afresh when that would refuse.
     */
    private int runningAtMost(IntSupplier runningCount) {
        long now = nanoTime.getAsLong();
        boolean recent = countKnown && now - countedAt < COUNT_VALID_FOR.toNanos();
        if (!recent || counted + admittedSinceCount + starting.size() >= maxSessions) {
            counted = runningCount.getAsInt();
            countedAt = now;
            countKnown = true;
            admittedSinceCount = 0;
        }
        return counted + admittedSinceCount;
    }

    private boolean admitted(SessionKey session) {
        admittedSinceCount++;
        starting.add(session);
        refused.remove(session);
        return true;
    }

    /** False while the session was last refused a slot. */
    public synchronized boolean isAdmitted(SessionKey session) {
        return !refused.contains(session);
    }

    public synchronized void release(SessionKey session) {
        starting.remove(session);
        refused.remove(session);
    }

    /** How many sessions wait for a slot: refused at their last admission and not released since. */
    public synchronized int refusedCount() {
        return refused.size();
    }

    public int maxSessions() {
        return maxSessions;
    }
}
