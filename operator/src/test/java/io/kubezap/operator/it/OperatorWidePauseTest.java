package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Maintenance mode for every session (operator.pauseReconciliation): a new session gets nothing but its condition. */
@QuarkusTest
@TestProfile(OperatorWidePauseTest.Paused.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class OperatorWidePauseTest {

    public static class Paused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.pause-reconciliation", "true");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void aPausedOperatorMakesNothingAndSaysWhy() {
        OperatorCluster cluster = OperatorCluster.installed(client);
        cluster.create("quebec", spec -> { });

        await().atMost(PATIENCE).until(() -> cluster.condition("quebec", "ReconciliationPaused").isPresent());
        var paused = cluster.condition("quebec", "ReconciliationPaused").orElseThrow();
        assertThat(paused.getStatus()).isEqualTo("True");
        assertThat(paused.getReason()).isEqualTo("PausedByOperator");
        assertThat(paused.getMessage()).contains("operator.pauseReconciliation");
        assertThat(cluster.session("quebec").getStatus().getPhase()).isEqualTo(SessionPhase.Pending);
        assertThat(cluster.statefulSet("quebec")).as("no pod while paused").isNull();
        assertThat(cluster.secret("quebec-api-key")).as("no object at all while paused").isNull();
    }
}
