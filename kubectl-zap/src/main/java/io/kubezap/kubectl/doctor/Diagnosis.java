package io.kubezap.kubectl.doctor;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubezap.api.v1alpha1.PodCreationFailures;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What is wrong with a session, from what was read of it ({@link SessionFacts}); nothing is read here. First what the
 * operator wrote (no status, a spec it has not acted on, conditions that say something is wrong), then what Kubernetes
 * says of the StatefulSet and pod that the conditions do not (yet) say: a pod the controller cannot create (its
 * FailedCreate Events), one that cannot be scheduled, pulled, started or mounted. One finding per reason.
 */
public final class Diagnosis {

    /** Conditions that say something is wrong when False. */
    private static final Set<String> WRONG_WHEN_FALSE = Set.of(WhatsAppSessionStatus.CONDITION_READY,
            WhatsAppSessionStatus.CONDITION_POD_READY, WhatsAppSessionStatus.CONDITION_CONNECTED,
            WhatsAppSessionStatus.CONDITION_PAIRED, WhatsAppSessionStatus.CONDITION_KEY_STORE_HEALTHY,
            WhatsAppSessionStatus.CONDITION_STORAGE_QUOTA, "StorageResized");
    /** Conditions that say something is wrong when True. */
    private static final Set<String> WRONG_WHEN_TRUE = Set.of("SpecFieldsIgnored", "StorageModeKept",
            WhatsAppSessionStatus.CONDITION_RESTRICTED, WhatsAppSessionStatus.CONDITION_AUTO_REPLIES_DROPPED);
    /** Reasons of a session on its way or resting on purpose: nothing to do. */
    private static final Set<String> NOTHING_WRONG = Set.of("Suspended", "Starting", "PodNotReady", "Unknown",
            "NotPaired", "Connected", "Reconnecting");
    private static final Set<String> POD_EVENT_PROBLEMS = Set.of("FailedMount", "FailedAttachVolume", "FailedScheduling");

    private Diagnosis() {
    }

    public static List<Finding> of(SessionFacts facts) {
        Map<String, Finding> found = new LinkedHashMap<>();
        Stream.of(operatorSays(facts), podCreation(facts), podSays(facts), podEvents(facts))
                .flatMap(List::stream)
                .forEach(finding -> found.putIfAbsent(finding.reason(), finding));
        return List.copyOf(found.values());
    }

    private static List<Finding> operatorSays(SessionFacts facts) {
        WhatsAppSessionStatus status = facts.session().getStatus();
        if (status == null || status.getPhase() == null) {
            return List.of(finding(facts, "NoStatus", "the operator has not written this session's status"));
        }
        List<Finding> findings = new ArrayList<>();
        Long generation = facts.session().getMetadata().getGeneration();
        if (generation != null && status.getObservedGeneration() != null && status.getObservedGeneration() < generation) {
            findings.add(finding(facts, "SpecNotObserved", "the operator has not acted on the latest spec (generation "
                    + generation + ", observed " + status.getObservedGeneration() + ")"));
        }
        status.getConditions().stream()
                .filter(Diagnosis::saysWrong)
                .map(c -> finding(facts, c.getReason(), c.getType() + "=" + c.getStatus()
                        + (c.getMessage() == null || c.getMessage().isBlank() ? "" : ": " + c.getMessage())))
                .forEach(findings::add);
        return findings;
    }

    private static boolean saysWrong(Condition condition) {
        boolean wrong = "False".equals(condition.getStatus()) && WRONG_WHEN_FALSE.contains(condition.getType())
                || "True".equals(condition.getStatus()) && WRONG_WHEN_TRUE.contains(condition.getType());
        return wrong && condition.getReason() != null && !NOTHING_WRONG.contains(condition.getReason());
    }

    /** No pod though the StatefulSet wants one: the controller's newest FailedCreate Event says why. */
    private static List<Finding> podCreation(SessionFacts facts) {
        if (facts.pod() != null || facts.statefulSet() == null || wantsNoPod(facts)) {
            return List.of();
        }
        return PodCreationFailures.message(facts.name(), facts.events()).stream()
                .map(message -> finding(facts, PodCreationFailures.REASON, message))
                .toList();
    }

    private static boolean wantsNoPod(SessionFacts facts) {
        Integer replicas = facts.statefulSet().getSpec() == null ? null : facts.statefulSet().getSpec().getReplicas();
        return replicas != null && replicas == 0
                || facts.session().getStatus() != null && facts.session().getStatus().getPhase() == SessionPhase.Suspended;
    }

    /** A pod that exists but cannot be scheduled, or whose containers wait on something that will not come. */
    private static List<Finding> podSays(SessionFacts facts) {
        if (facts.pod() == null || facts.pod().getStatus() == null) {
            return List.of();
        }
        var status = facts.pod().getStatus();
        Stream<Finding> unschedulable = Stream.ofNullable(status.getConditions()).flatMap(List::stream)
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> finding(facts, Objects.requireNonNullElse(c.getReason(), "Unschedulable"),
                        "pod " + facts.podName() + " cannot be scheduled: " + message(c)));
        Stream<Finding> waiting = Stream.concat(Stream.ofNullable(status.getInitContainerStatuses()).flatMap(List::stream),
                        Stream.ofNullable(status.getContainerStatuses()).flatMap(List::stream))
                .map(Diagnosis::waitingReason).flatMap(Optional::stream)
                .map(w -> finding(facts, w.getReason(), "pod " + facts.podName() + ": " + w.getReason()
                        + (w.getMessage() == null ? "" : ": " + w.getMessage())));
        return Stream.concat(unschedulable, waiting).toList();
    }

    private static Optional<io.fabric8.kubernetes.api.model.ContainerStateWaiting> waitingReason(ContainerStatus container) {
        return Optional.ofNullable(container.getState()).map(state -> state.getWaiting())
                .filter(w -> w.getReason() != null && !"ContainerCreating".equals(w.getReason())
                        && !"PodInitializing".equals(w.getReason()));
    }

    /** The pod's Warning Events that keep it from starting (a volume, a Secret it mounts, no node). */
    private static List<Finding> podEvents(SessionFacts facts) {
        if (facts.pod() == null) {
            return List.of();
        }
        return facts.events().stream()
                .filter(e -> "Warning".equals(e.getType()) && POD_EVENT_PROBLEMS.contains(e.getReason())
                        && PodCreationFailures.about(e, "Pod", facts.podName()))
                .sorted(Comparator.comparing(PodCreationFailures::lastSeen).reversed())
                .map(e -> finding(facts, e.getReason(), "pod " + facts.podName() + ": " + e.getMessage()))
                .toList();
    }

    private static String message(PodCondition condition) {
        return condition.getMessage() == null ? "(no message)" : condition.getMessage();
    }

    private static Finding finding(SessionFacts facts, String reason, String message) {
        return new Finding(reason, message, Remedies.remedy(facts, reason, message));
    }
}
