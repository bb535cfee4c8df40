package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import io.kubezap.api.v1alpha1.PodCreationFailures;
import io.kubezap.operator.events.Reason;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why a session pod that exists is not ready, in the words kubectl would use (ImagePullBackOff, CrashLoopBackOff,
 * Unschedulable, ...), so that PodReady=False says more than "not ready yet"; and why a pod that does not exist was
 * not created (PodCreationFailed, from the StatefulSet's Events).
 */
public final class PodDiagnosis {

    private PodDiagnosis() {
    }

    /** The reason and message of the first problem found, or empty when the pod is merely on its way. */
    public static Optional<Problem> of(Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return Optional.empty();
        }
        var status = pod.getStatus();
        Optional<Problem> unschedulable = Stream.ofNullable(status.getConditions()).flatMap(java.util.List::stream)
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .findFirst()
                .map(PodDiagnosis::fromCondition);
        if (unschedulable.isPresent()) {
            return unschedulable;
        }
        return Stream.concat(Stream.ofNullable(status.getInitContainerStatuses()).flatMap(java.util.List::stream),
                        Stream.ofNullable(status.getContainerStatuses()).flatMap(java.util.List::stream))
                .map(PodDiagnosis::fromContainer)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Why the StatefulSet controller did not create the session's pod, from its Warning Events on the StatefulSet
     * ({@link PodCreationFailures}: a ResourceQuota, an admission webhook, Pod Security Admission refused it); empty
     * when there is none.
     *
     * @param statefulSet the session's StatefulSet's name (its pod is {@code <name>-0})
     * @param events      Events of the namespace; only the StatefulSet's {@code FailedCreate} ones are read
     */
    public static Optional<Problem> notCreated(String statefulSet, List<Event> events) {
        return PodCreationFailures.message(statefulSet, events)
                .map(message -> new Problem(Reason.PodCreationFailed.name(), message));
    }

    private static Problem fromCondition(PodCondition condition) {
        return new Problem(condition.getReason() != null ? condition.getReason() : "Unschedulable",
                "the session pod cannot be scheduled: " + condition.getMessage());
    }

    private static Optional<Problem> fromContainer(ContainerStatus container) {
        var state = container.getState();
        if (state == null || state.getWaiting() == null || state.getWaiting().getReason() == null
                || "ContainerCreating".equals(state.getWaiting().getReason())
                || "PodInitializing".equals(state.getWaiting().getReason())) {
            return Optional.empty();
        }
        var waiting = state.getWaiting();
        return Optional.of(new Problem(waiting.getReason(), "container " + container.getName() + ": " + waiting.getReason()
                + (waiting.getMessage() != null ? ": " + waiting.getMessage() : "")));
    }

    public record Problem(String reason, String message) {
    }
}
