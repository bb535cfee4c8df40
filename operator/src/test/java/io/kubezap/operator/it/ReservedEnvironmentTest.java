package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.PodTemplate;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 51, item 2: a session whose {@code spec.podTemplate.env} got past the CRD (the mock API server, like a cluster
 * with an older CRD, does not run its CEL rules) with a variable the JVM acts on gets no pod: condition Ready=False and a
 * Warning Event {@code ReservedEnvironmentVariable} naming it, and no StatefulSet.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class ReservedEnvironmentTest {

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void aSessionWhoseEnvReachesTheJvmGetsNoPodAndSaysWhy() {
        cluster.create("sierra", spec -> {
            PodTemplate template = new PodTemplate();
            template.setEnv(List.of(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null),
                    new EnvVar("JAVA_TOOL_OPTIONS", "-javaagent:/var/lib/kubezap/media/agent.jar", null)));
            spec.setPodTemplate(template);
        });

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("sierra"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("ReservedEnvironmentVariable")));
        assertThat(readyCondition("sierra").orElseThrow().getMessage()).contains("JAVA_TOOL_OPTIONS")
                .doesNotContain("KUBEZAP_SEND_MAX_ATTEMPTS");
        assertThat(cluster.eventReasons("sierra")).contains("ReservedEnvironmentVariable");
        assertThat(cluster.statefulSet("sierra")).as("no pod runs the tenant's JVM options").isNull();
    }

    private Optional<Condition> readyCondition(String name) {
        return Optional.ofNullable(cluster.session(name).getStatus()).flatMap(status -> status.condition("Ready"));
    }
}
