package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Issue 35, item 5: the gateway reads no Secret where sessions live. The operator copies each session's API key into
 * the gateway's namespace ({@code kubezap.gateway.namespace}: {@code kubezap-system} in tests), keeps the copy equal
 * to the key, and deletes it with the session (no owner reference reaches across namespaces).
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class GatewayKeyCopyTest {

    private static final String GATEWAY_NAMESPACE = "kubezap-system";

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void aSessionsKeyIsCopiedIntoTheGatewaysNamespaceFollowsARotationAndGoesWithTheSession() {
        cluster.create("kilo-gw", spec -> { });
        String copyName = GatewayKeyCopy.name(cluster.namespace(), "kilo-gw");

        await().atMost(PATIENCE).until(() -> copy(copyName) != null && cluster.secret("kilo-gw-api-key") != null);
        Secret copy = copy(copyName);
        assertThat(key(copy)).isEqualTo(key(cluster.secret("kilo-gw-api-key"))).isNotEmpty();
        assertThat(copy.getMetadata().getLabels()).contains(entry(GatewayKeyCopy.LABEL, "true"),
                entry(GatewayKeyCopy.NAMESPACE_LABEL, cluster.namespace()), entry(GatewayKeyCopy.SESSION_LABEL, "kilo-gw"));
        assertThat(copy.getMetadata().getAnnotations())
                .containsEntry(GatewayKeyCopy.SOURCE_ANNOTATION, cluster.namespace() + "/kilo-gw-api-key");
        assertThat(copy.getMetadata().getOwnerReferences()).isNullOrEmpty();

        client.secrets().inNamespace(cluster.namespace()).withName("kilo-gw-api-key").edit(secret -> {
            secret.setStringData(null);
            secret.setData(Map.of("api-key", encoded("rotated-key")));
            return secret;
        });
        await().atMost(PATIENCE).until(() -> "rotated-key".equals(key(copy(copyName))));

        client.secrets().inNamespace(GATEWAY_NAMESPACE).withName(copyName).delete();
        await().atMost(PATIENCE).until(() -> copy(copyName) != null && "rotated-key".equals(key(copy(copyName))));

        cluster.delete("kilo-gw");
        await().atMost(PATIENCE).until(() -> cluster.session("kilo-gw") == null);
        await().atMost(PATIENCE).until(() -> copy(copyName) == null);
    }

    @Test
    void aCopyIsTheSessionsOwnNoOtherSessionsKey() {
        cluster.create("lima-gw", spec -> { });
        cluster.create("mike-gw", spec -> { });

        await().atMost(PATIENCE).until(() -> copy(GatewayKeyCopy.name(cluster.namespace(), "lima-gw")) != null
                && copy(GatewayKeyCopy.name(cluster.namespace(), "mike-gw")) != null);
        assertThat(key(copy(GatewayKeyCopy.name(cluster.namespace(), "lima-gw"))))
                .isEqualTo(key(cluster.secret("lima-gw-api-key")))
                .isNotEqualTo(key(copy(GatewayKeyCopy.name(cluster.namespace(), "mike-gw"))));
    }

    private Secret copy(String name) {
        return client.secrets().inNamespace(GATEWAY_NAMESPACE).withName(name).get();
    }

    /** The mock API server keeps {@code stringData} as written (a real one turns it into {@code data}). */
    private static String key(Secret secret) {
        if (secret == null) {
            return null;
        }
        if (secret.getData() != null && secret.getData().get("api-key") != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get("api-key")), StandardCharsets.UTF_8);
        }
        return secret.getStringData() == null ? null : secret.getStringData().get("api-key");
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
