package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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

    static Pod podWaiting(String reason, String message) {
        return new PodBuilder().withNewStatus().addNewContainerStatus().withName("session").withNewState()
                .withNewWaiting().withReason(reason).withMessage(message).endWaiting()
                .endState().endContainerStatus().endStatus().build();
    }
}
