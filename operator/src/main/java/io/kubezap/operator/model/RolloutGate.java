package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Caps how many session pods of one namespace roll to a new pod template at once ({@code kubezap.max-concurrent-rollouts},
 * a {@link RolloutBudget}: a count or a share of the namespace's sessions): after an operator or image upgrade every
 * template changes, and rolling them all together would reconnect every session and warm up every pool at the same
 * moment. Counted per namespace, so one tenant's crash-looping sessions (never ready, so always "rolling") hold back
 * only that tenant's rollout, not every other tenant's. A session whose turn has not come keeps its current template
 * ({@link RolloutTurn#LATER}, decided before the StatefulSet's {@code desired()} and handed to it as data); it is
 * looked at again on a timer, and goes as soon as fewer rollouts are under way. Rollouts under way are
 * counted from the StatefulSet informer cache, plus the ones granted a moment ago that the cache does not show yet.
 * Beside the namespaces' budgets, one ceiling for the whole operator ({@code kubezap.max-concurrent-rollouts-total}):
 * a thousand namespaces of ten rollouts each would otherwise restart ten thousand pods at once, and reconnect them all
 * against one database and one pooler. A rollout counts towards the ceiling for {@link #CEILING_COUNTS_FOR} at most:
 * a pod not ready on its new revision by then (a crash loop) holds back its own namespace, not every tenant's.
 */
@ApplicationScoped
public class RolloutGate {

    /** How long a granted rollout counts before the cache must show it. */
    static final Duration GRANT_VISIBLE_WITHIN = Duration.ofSeconds(30);

    private final RolloutBudget budget;
    private final int ceiling;
    private final Clock clock;
    /** How long a rollout under way counts towards the operator-wide ceiling. */
    static final Duration CEILING_COUNTS_FOR = Duration.ofMinutes(10);

    private final Map<SessionKey, Instant> granted = new HashMap<>();
    private final Map<SessionKey, Instant> rollingSince = new HashMap<>();

    @Inject
    public RolloutGate(OperatorConfig config) {
        this(RolloutBudget.parse(config.maxConcurrentRollouts()), config.maxConcurrentRolloutsTotal(), Clock.systemUTC());
    }

    public RolloutGate(RolloutBudget budget, Clock clock) {
        this(budget, Integer.MAX_VALUE, clock);
    }

    RolloutGate(RolloutBudget budget, int ceiling, Clock clock) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("kubezap.max-concurrent-rollouts-total must be at least 1, not " + ceiling);
        }
        this.budget = budget;
        this.ceiling = ceiling;
        this.clock = clock;
    }

    /**
     * The session's turn: {@link RolloutTurn#NOW} when {@code desired} keeps the pod template {@code existing} has (or
     * there is none yet), else whether the namespace's budget lets it roll now. Asking for a changed template takes a
     * slot of the budget when it grants one: ask once per reconcile.
     *
     * @param existing     the session's StatefulSet as the server holds it
     * @param statefulSets every StatefulSet the operator manages, from the informer cache; asked only for a change
     */
    public RolloutTurn turn(SessionKey session, StatefulSet desired, Optional<StatefulSet> existing,
                            Supplier<Stream<StatefulSet>> statefulSets) {
        return existing.filter(current -> !sameTemplate(current, desired))
                .map(current -> mayRoll(session, statefulSets.get()) ? RolloutTurn.NOW : RolloutTurn.LATER)
                .orElse(RolloutTurn.NOW);
    }

    private static boolean sameTemplate(StatefulSet a, StatefulSet b) {
        return Objects.equals(templateHash(a), templateHash(b));
    }

    private static String templateHash(StatefulSet statefulSet) {
        var metadata = statefulSet.getSpec().getTemplate().getMetadata();
        return metadata == null || metadata.getAnnotations() == null ? null
                : metadata.getAnnotations().get(PodTemplateHash.ANNOTATION);
    }

    /**
     * @param session      the session whose pod template changed
     * @param statefulSets every StatefulSet the operator manages, from the informer cache
     */
    public synchronized boolean mayRoll(SessionKey session, Stream<StatefulSet> statefulSets) {
        Instant now = clock.instant();
        List<StatefulSet> all = statefulSets.toList();
        Set<SessionKey> rolling = all.stream().filter(RolloutGate::rolling).map(SessionKey::of)
                .collect(Collectors.toSet());
        granted.entrySet().removeIf(e -> rolling.contains(e.getKey())
                || e.getValue().plus(GRANT_VISIBLE_WITHIN).isBefore(now));
        if (rolling.contains(session) || granted.containsKey(session)) {
            return true;
        }
        if (ceilingReached(rolling, now) || namespaceBudgetSpent(session, all, rolling)) {
            return false;
        }
        granted.put(session, now);
        return true;
    }

    private boolean ceilingReached(Set<SessionKey> rolling, Instant now) {
        rollingSince.keySet().retainAll(rolling);
        rolling.forEach(id -> rollingSince.putIfAbsent(id, now));
        long recent = rollingSince.values().stream().filter(since -> since.plus(CEILING_COUNTS_FOR).isAfter(now)).count();
        return recent + granted.size() >= ceiling;
    }

    private boolean namespaceBudgetSpent(SessionKey session, List<StatefulSet> all, Set<SessionKey> rolling) {
        long sessions = all.stream()
                .filter(s -> Objects.equals(s.getMetadata().getNamespace(), session.namespace()))
                .count();
        long underWay = Stream.concat(rolling.stream(), granted.keySet().stream())
                .filter(id -> id.namespace().equals(session.namespace())).count();
        return underWay >= budget.allowed((int) sessions);
    }

    /** The StatefulSet controller has not yet brought every pod to the current template and ready. */
    static boolean rolling(StatefulSet statefulSet) {
        var status = statefulSet.getStatus();
        int replicas = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        if (status == null) {
            return replicas > 0;
        }
        Long generation = statefulSet.getMetadata().getGeneration();
        boolean observed = generation == null || status.getObservedGeneration() == null
                || status.getObservedGeneration() >= generation;
        boolean updated = status.getUpdateRevision() == null
                || Objects.equals(status.getUpdateRevision(), status.getCurrentRevision());
        int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        return !observed || !updated || ready < replicas;
    }
}
