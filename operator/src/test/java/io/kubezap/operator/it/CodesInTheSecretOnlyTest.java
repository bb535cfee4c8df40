package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PairingMethod;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An installation that keeps the codes that link a phone out of the status (the chart's
 * {@code session.pairingCodesInStatus: false}, rendered as {@code KUBEZAP_SESSION_PAIRING_CODES_IN_STATUS=false}):
 * the QR and the pairing code are in the session's pairing Secret only, which Kubernetes' {@code view} cannot read;
 * the status still says which code waits, where, and until when. An operator of its own, since the setting is its.
 */
@QuarkusTest
@TestProfile(CodesInTheSecretOnlyTest.SecretOnly.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class CodesInTheSecretOnlyTest {

    public static class SecretOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.session.pairing-codes-in-status", "false");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void theQrAndThePairingCodeAreInTheSecretAndNeverInTheResource() {
        OperatorCluster cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        SessionPodStub pod = SessionPodStubResource.stub();
        Instant expiry = Instant.now().plusSeconds(60);
        pod.state("sierra", SessionStates.waitingForQr("sierra", "2@kept-in-the-secret", expiry));
        cluster.create("sierra", spec -> { });
        cluster.podReady("sierra");

        // The status names the Secret in the reconcile that first sees the QR; the Secret takes the code in the same
        // or the next one (its dependent runs before the pod is polled), so the two are awaited together.
        await().atMost(PATIENCE).until(() -> phase(cluster.session("sierra")) == SessionPhase.WaitingForQR
                && cluster.session("sierra").getStatus().getPairing() != null
                && "2@kept-in-the-secret".equals(cluster.pairingSecret("sierra", "qr")));
        WhatsAppSession session = cluster.session("sierra");
        assertThat(session.getStatus().getPairing().method()).isEqualTo(PairingMethod.QR);
        assertThat(session.getStatus().getPairing().secretName()).isEqualTo("sierra-pairing");
        assertThat(session.getStatus().getQr()).isNull();
        assertThat(Serialization.asJson(session)).doesNotContain("2@kept-in-the-secret");
        assertThat(Serialization.asJson(client.v1().events().inNamespace(cluster.namespace()).list()))
                .doesNotContain("2@kept-in-the-secret");
    }

    private static SessionPhase phase(WhatsAppSession session) {
        return session == null || session.getStatus() == null ? null : session.getStatus().getPhase();
    }
}
