package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 71 item 6: the bundled PostgreSQL runs one replica, so a budget that keeps it (maxUnavailable 0, minAvailable 1)
 * blocks every node drain, the cluster autoscaler's and a node upgrade's included. As CloudNativePG and Strimzi do for
 * a single instance, the default budget lets a drain move it (the sessions reconnect; their data is on the claim).
 */
class DatabaseDrainTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void aNodeDrainMayEvictTheSingleBundledDatabasePod() {
        Manifests manifests = chart.render();
        StatefulSet database = manifests.one(StatefulSet.class, "kubezap-postgresql");
        PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class, "kubezap-postgresql");

        assertThat(database.getSpec().getReplicas()).isEqualTo(1);
        assertThat(budget.getSpec().getMinAvailable()).isNull();
        assertThat(disruptionsAllowedWhenAllHealthy(database.getSpec().getReplicas(), budget))
                .as("the eviction API's disruptionsAllowed with the one pod healthy").isPositive();
    }

    @Test
    void anOperatorMayStillAskDrainsToWaitForHim() {
        PodDisruptionBudget budget = chart.render(Map.of("postgresql.bundled.podDisruptionBudget.maxUnavailable", 0))
                .one(PodDisruptionBudget.class, "kubezap-postgresql");

        assertThat(disruptionsAllowedWhenAllHealthy(1, budget)).isZero();
    }

    /** What the disruption controller computes for maxUnavailable: healthy pods minus (expected − maxUnavailable). */
    private static int disruptionsAllowedWhenAllHealthy(int replicas, PodDisruptionBudget budget) {
        int desiredHealthy = replicas - budget.getSpec().getMaxUnavailable().getIntVal();
        return Math.max(0, replicas - desiredHealthy);
    }
}
