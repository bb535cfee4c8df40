package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.reconciler.WhatsAppSessionReconciler;
import io.kubezap.operator.workflow.ReferencedSecrets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 35, item 5: the operator may read Secrets cluster-wide (RBAC cannot narrow a watch to the Secrets that sessions
 * name), but keeps in memory only the ones labelled for it ({@value ReferencedSecrets#LABEL}) — not every tenant's
 * database passwords and TLS keys, which a leak of its memory or a bug would expose.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class ReferencedSecretsCacheTest {

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void theOperatorCachesOnlyTheSecretsLabelledForSessionsNotEveryTenantsSecrets() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("bank").endMetadata().build()).createOr(n -> n.update());
        client.resource(new SecretBuilder().withNewMetadata().withName("core-banking").withNamespace("bank").endMetadata()
                .withStringData(Map.of("password", "the-crown-jewels")).build()).create();
        client.resource(new SecretBuilder().withNewMetadata().withName("victor-hooks")
                .withLabels(Map.of(ReferencedSecrets.LABEL, "true")).endMetadata()
                .withStringData(Map.of("hmac", "k")).build()).create();
        cluster.create("victor", spec -> spec.setWebhooks(List.of(new Webhook("https://hooks.example.com/v",
                List.of(), new SecretKeyRef("victor-hooks", "hmac")))));

        await().atMost(PATIENCE).until(() -> cluster.statefulSet("victor") != null);
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE)
                .until(() -> cachedSecretNames().stream().noneMatch(name -> name.startsWith("bank/")));
        assertThat(cachedSecretNames()).contains(cluster.namespace() + "/victor-hooks")
                .doesNotContain("bank/core-banking");
    }

    @SuppressWarnings("unchecked")
    private List<String> cachedSecretNames() {
        var controller = (Controller<WhatsAppSession>) operator.getRegisteredController(WhatsAppSessionReconciler.NAME).orElseThrow();
        var informer = (InformerEventSource<Secret, WhatsAppSession>) controller.getEventSourceManager()
                .getEventSourceFor(Secret.class, ReferencedSecrets.EVENT_SOURCE);
        return informer.list().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()).toList();
    }
}
