package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubezap.api.v1alpha1.PodCreationFailures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodDiagnosisTest {

    @Test
    void crashLoopIsNamedWithItsMessage() {
        Pod pod = podWaiting("CrashLoopBackOff", "back-off 40s restarting failed container");

        assertThat(PodDiagnosis.of(pod)).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo("CrashLoopBackOff");
            assertThat(problem.message()).isEqualTo("container session: CrashLoopBackOff: back-off 40s restarting failed container");
        });
    }

    @Test
    void unschedulablePodSaysWhy() {
        Pod pod = new PodBuilder().withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient memory.")
                .endCondition().endStatus().build();

        assertThat(PodDiagnosis.of(pod)).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo("Unschedulable");
            assertThat(problem.message()).contains("Insufficient memory");
        });
    }

    @Test
    void aPodOnItsWayHasNoProblem() {
        assertThat(PodDiagnosis.of(podWaiting("ContainerCreating", null))).isEmpty();
        assertThat(PodDiagnosis.of(new Pod())).isEmpty();
        assertThat(PodDiagnosis.of(null)).isEmpty();
    }

    @Test
    void theProblemBecomesThePodReadyReason() {
        var problem = PodDiagnosis.of(podWaiting("ImagePullBackOff", "pull access denied")).orElseThrow();
        var status = StatusAggregator.aggregate(null,
                new Observation(1, "e", "k", false, true, false, null, null, null, problem), Instant.now());

        assertThat(status.condition("PodReady").orElseThrow().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(status.condition("Ready").orElseThrow().getMessage()).contains("pull access denied");
    }

    /** Events as the StatefulSet controller records them (the mock API server has no controller to do it). */
    @Test
    void aPodTheControllerCannotCreateIsExplainedByItsNewestFailedCreateEvent() {
        List<Event> events = List.of(
                event("loja-01", "FailedCreate", "2026-11-25T10:00:00Z", "create Pod loja-01-0 in StatefulSet loja-01 "
                        + "failed error: pods \"loja-01-0\" is forbidden: exceeded quota: compute, requested: "
                        + "limits.memory=1Gi, used: limits.memory=4Gi, limited: limits.memory=4Gi"),
                event("loja-01", "FailedCreate", "2026-11-25T10:05:00Z", "create Pod loja-01-0 in StatefulSet loja-01 "
                        + "failed error: pods \"loja-01-0\" is forbidden: violates PodSecurity \"restricted:latest\": "
                        + "runAsNonRoot != true"),
                event("loja-02", "FailedCreate", "2026-11-25T10:09:00Z", "another session's"),
                event("loja-01", "SuccessfulCreate", "2026-11-25T10:10:00Z", "create Pod loja-01-0 succeeded"));

        assertThat(PodDiagnosis.notCreated("loja-01", events)).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo("PodCreationFailed").isEqualTo(PodCreationFailures.REASON);
            assertThat(problem.message()).startsWith("Kubernetes refuses to create pod loja-01-0: ")
                    .contains("violates PodSecurity \"restricted:latest\"");
        });
        assertThat(PodDiagnosis.notCreated("loja-01", events.subList(2, 4))).isEmpty();
    }

    private static Event event(String statefulSet, String reason, String at, String message) {
        return new EventBuilder().withNewMetadata().withName(statefulSet + "." + at).endMetadata()
                .withNewInvolvedObject().withKind("StatefulSet").withName(statefulSet).endInvolvedObject()
                .withType("Warning").withReason(reason).withMessage(message).withLastTimestamp(at).build();
    }

    static Pod podWaiting(String reason, String message) {
        return new PodBuilder().withNewStatus().addNewContainerStatus().withName("session").withNewState()
                .withNewWaiting().withReason(reason).withMessage(message).endWaiting()
                .endState().endContainerStatus().endStatus().build();
    }
}
