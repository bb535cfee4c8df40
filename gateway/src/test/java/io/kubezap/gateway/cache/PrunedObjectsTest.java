package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.gateway.config.SecretValues;
import io.kubezap.gateway.session.SessionView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's informers keep of each object what the gateway reads, and nothing a deployment tool or the API server
 * added: read from objects as a real API server sends them (server-shaped fixtures: managedFields, GitOps annotations,
 * a gateway key applied by kubectl with its value in an annotation).
 */
class PrunedObjectsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Test
    void aSessionReadsTheSameThroughTheGatewayAfterPruning() {
        WhatsAppSession sent = read("whatsappsession-connected-under-argocd.yaml", WhatsAppSession.class);
        WhatsAppSession kept = PrunedObjects.session(read("whatsappsession-connected-under-argocd.yaml", WhatsAppSession.class));

        assertThat(JSON.asJson(SessionView.of(kept))).isEqualTo(JSON.asJson(SessionView.of(sent)));
        assertThat(kept.getStatus().getEndpoint()).as("where the proxy sends its calls")
                .isEqualTo("http://loja-01-0.kubezap-sessions.lojas.svc:8080");
        assertThat(kept.getMetadata().getResourceVersion()).as("what the informer compares").isEqualTo("48213");
    }

    @Test
    void aSessionKeepsNothingOnlyTheApiServerAndDeploymentToolsRead() {
        WhatsAppSession sent = read("whatsappsession-connected-under-argocd.yaml", WhatsAppSession.class);
        int sentSize = JSON.asJson(sent).length();

        WhatsAppSession kept = PrunedObjects.session(sent);

        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(kept.getMetadata().getFinalizers()).isNullOrEmpty();
        assertThat(kept.getStatus().getOutputs()).isNull();
        assertThat(JSON.asJson(kept).length()).as("of %d characters sent", sentSize).isLessThan(sentSize / 2);
    }

    @Test
    void aSessionWaitingToBeLinkedKeepsThatACodeWaitsButNotTheCode() {
        WhatsAppSession sent = read("whatsappsession-connected-under-argocd.yaml", WhatsAppSession.class);
        sent.getStatus().setQr(new io.kubezap.contract.ExpiringCode("https://wa.me/settings/linked_devices#2@ref,n,i,a,1",
                java.time.Instant.parse("2026-11-26T21:00:00Z")));

        WhatsAppSession kept = PrunedObjects.session(sent);

        assertThat(kept.getStatus().getQr()).isNull();
        assertThat(JSON.asJson(kept)).doesNotContain("linked_devices");
    }

    @Test
    void aKeyCopyKeepsWhoseKeyItIsAndTheKeyAlone() {
        Secret sent = read("session-key-copy.yaml", Secret.class);

        Secret kept = PrunedObjects.keyCopy(sent);

        assertThat(GatewayKeyCopy.isCopyOf(kept.getMetadata().getLabels(), "lojas", "loja-01")).isTrue();
        assertThat(SecretValues.of(kept)).containsExactly(java.util.Map.entry("api-key", "pod-key-of-loja-01"));
        assertThat(kept.getMetadata().getName()).isEqualTo(GatewayKeyCopy.name("lojas", "loja-01"));
        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aGatewayKeyKeepsEveryValueButNotKubectlsCopyOfItInClear() {
        Secret sent = read("gateway-key-applied-by-kubectl.yaml", Secret.class);

        Secret kept = PrunedObjects.gatewayKey(sent);

        assertThat(SecretValues.of(kept)).isEqualTo(SecretValues.of(sent)).containsEntry("key", "support-key-1")
                .containsKeys("role", "namespaces", "chats", "expiresAt");
        assertThat(kept.getMetadata().getLabels()).containsEntry("kubezap.io/gateway-key", "true");
        assertThat(kept.getMetadata().getUid()).as("the key's Warning Events name it").isEqualTo(sent.getMetadata().getUid());
        assertThat(JSON.asJson(kept)).doesNotContain("support-key-1", "last-applied-configuration", "managedFields");
    }

    private static <T extends HasMetadata> T read(String fixture, Class<T> type) {
        try (InputStream in = PrunedObjectsTest.class.getResourceAsStream("/server-shaped/" + fixture)) {
            return JSON.unmarshal(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
