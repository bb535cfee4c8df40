package io.kubezap.operator.polling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A pod that never got ready on an old template revision is replaced; a healthy or current one is left alone. */
@EnableKubernetesMockClient(crud = true)
class StuckPodsTest {

    KubernetesClient client;

    private final StatefulSet statefulSet = new StatefulSetBuilder()
            .withNewMetadata().withName("loja-01").withNamespace("shop").endMetadata()
            .withNewSpec().withPodManagementPolicy("OrderedReady").endSpec()
            .withNewStatus().withCurrentRevision("loja-01-old").withUpdateRevision("loja-01-new").endStatus()
            .build();

    @Test
    void aPodStuckOnTheOldRevisionIsDeleted() {
        Pod stuck = client.resource(pod("loja-01-old", false)).create();

        assertThat(StuckPods.replaceIfStuck(client, statefulSet, stuck)).isTrue();
        assertThat(client.pods().inNamespace("shop").withName("loja-01-0").get()).isNull();
    }

    @Test
    void aReadyPodOrOneOnTheCurrentRevisionIsKept() {
        assertThat(StuckPods.stuckOnOldRevision(statefulSet, pod("loja-01-old", true))).isFalse();
        assertThat(StuckPods.stuckOnOldRevision(statefulSet, pod("loja-01-new", false))).isFalse();
    }

    private static Pod pod(String revision, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName("loja-01-0").withNamespace("shop")
                .addToLabels(StuckPods.REVISION_LABEL, revision).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withPhase("Pending").endStatus()
                .build();
    }
}
