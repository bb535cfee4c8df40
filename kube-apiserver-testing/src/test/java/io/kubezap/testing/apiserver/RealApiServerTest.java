package io.kubezap.testing.apiserver;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher gives a server that authenticates and authorizes for real, and controllers when asked. */
class RealApiServerTest {

    @Test
    void theAdminMayWriteAndAnUnknownTokenIsRefused() {
        try (RealApiServer server = RealApiServer.start();
             KubernetesClient stranger = new KubernetesClientBuilder().withConfig(server.config("not-a-token")).build()) {
            server.admin().configMaps().inNamespace("default")
                    .resource(new ConfigMapBuilder().withNewMetadata().withName("written").endMetadata().build()).create();

            assertThat(server.admin().configMaps().inNamespace("default").withName("written").get()).isNotNull();
            assertThatThrownBy(() -> stranger.configMaps().inNamespace("default").list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }

    @Test
    void theControllerManagerTurnsADeploymentIntoAReplicaSet() {
        try (RealApiServer server = RealApiServer.start()) {
            server.startControllerManager();
            Map<String, String> labels = Map.of("app", "web");
            server.admin().apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().addNewContainer().withName("web").withImage("web:1").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();

            server.admin().apps().replicaSets().inNamespace("default").withLabels(labels)
                    .informOnCondition(sets -> !sets.isEmpty()).orTimeout(60, TimeUnit.SECONDS).join();
        }
    }
}
