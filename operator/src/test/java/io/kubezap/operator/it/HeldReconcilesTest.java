package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.sessionapi.SessionEndpoint;
import io.kubezap.schema.SessionSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After an operator's start every session's first reconcile queues, first come first served (thousands at 5,000
 * sessions), and a pod that notifies a change must not wait for its session's turn. Here the operator has one
 * reconcile thread, held by a session whose pod the API server takes {@value #HELD_SECONDS} s to read, so every other
 * reconcile waits behind it; two sessions' pods then notify a change: one this process reconciled before the hold, and
 * one it has never reconciled (made, with its status, Secret and pod, as a previous operator process left it). Both
 * changes reach their statuses while the thread is still held: what arrives, not how fast.
 */
@QuarkusTest
@TestProfile(HeldReconcilesTest.OneReconcileThread.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class HeldReconcilesTest {

    private static final int HELD_SECONDS = 90;

    public static class OneReconcileThread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the client waits out the held read (its default request timeout is 10 s)
            return Map.of("quarkus.operator-sdk.concurrent-reconciliation-threads", "1",
                    "quarkus.kubernetes-client.request-timeout", "PT5M",
                    "kubezap.poll.connected-interval", "10m", "kubezap.poll.backstop-interval", "10m");
        }
    }

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer mockServer;

    @Test
    void aNotifiedChangeReachesItsStatusWhileEveryReconcileWaits() throws SQLException {
        OperatorCluster cluster = OperatorCluster.installed(client);
        SessionPodStub pods = SessionPodStubResource.stub();
        pods.state("victor", SessionStates.connected("victor", "5511944440000"));
        cluster.create("victor", spec -> { });
        cluster.podReady("victor");
        await().atMost(PATIENCE).until(() -> "Loja".equals(cluster.pushName("victor")));
        StateChannel.awaitListening();

        Instant heldUntil = holdTheReconcileThread(cluster);
        pods.state("uniform", SessionStates.connected("uniform", "5511955550000"));
        asAPreviousOperatorLeftIt(cluster, "uniform", "uniform-api-key");

        pods.state("victor", SessionStates.connected("victor", "5511944440000", "Loja Nova"));
        pods.state("uniform", SessionStates.connected("uniform", "5511955550000", "Loja Nova"));
        StateChannel.notify(SessionSchema.statePayload(cluster.namespace(), "victor"));
        StateChannel.notify(SessionSchema.statePayload(cluster.namespace(), "uniform"));

        await().atMost(PATIENCE).until(() -> "Loja Nova".equals(cluster.pushName("victor"))
                && "Loja Nova".equals(cluster.pushName("uniform")));
        assertThat(Instant.now()).as("both changes are in their statuses while the one reconcile thread is held")
                .isBefore(heldUntil);
        assertThat(cluster.session("uniform").getMetadata().getFinalizers())
                .as("this process has not reconciled uniform yet (a first reconcile adds the finalizer)").isEmpty();
        assertThat(pods.authorization("uniform")).as("the pod is asked with its session's API key")
                .isEqualTo("Bearer uniform-api-key");
    }

    /**
     * A session whose pod exists but is not ready: its reconcile reads the pod from the API server on the reconcile
     * thread, and that read is answered only after {@value #HELD_SECONDS} s. Returns when the hold ends.
     */
    private Instant holdTheReconcileThread(OperatorCluster cluster) {
        AtomicReference<Instant> asked = new AtomicReference<>();
        mockServer.expect().get().delay(HELD_SECONDS, TimeUnit.SECONDS)
                .withPath("/api/v1/namespaces/" + cluster.namespace() + "/pods/blocker-0")
                .andReply(200, request -> {
                    asked.compareAndSet(null, Instant.now());
                    // a body, which the server holds back (an empty one would end the answer at once)
                    return new PodBuilder().withNewMetadata().withName("blocker-0")
                            .withNamespace(cluster.namespace()).endMetadata().build();
                }).always();
        cluster.create("blocker", spec -> { });
        await().atMost(PATIENCE).until(() -> cluster.statefulSet("blocker") != null);
        cluster.podsCreated("blocker");
        await().atMost(PATIENCE).until(() -> asked.get() != null);
        return asked.get().plus(Duration.ofSeconds(HELD_SECONDS));
    }

    /** Connected, with its API-key Secret, its status as a previous operator process wrote it, and nothing since. */
    private void asAPreviousOperatorLeftIt(OperatorCluster cluster, String name, String apiKey) {
        client.resource(new SecretBuilder().withNewMetadata().withName(SessionObjectNames.apiKeySecretName(name))
                .withNamespace(cluster.namespace()).endMetadata()
                .addToStringData(SessionObjectNames.API_KEY_SECRET_KEY, apiKey).build()).create();
        WhatsAppSession session = cluster.create(name, spec -> { });
        WhatsAppSessionStatus status = new WhatsAppSessionStatus();
        status.setPhase(SessionPhase.Connected);
        status.setObservedGeneration(Optional.ofNullable(session.getMetadata().getGeneration()).orElse(0L));
        status.setEndpoint(SessionEndpoint.of(session, Optional.empty()));
        status.setApiKeySecret(SessionObjectNames.apiKeySecretName(name));
        status.setConditions(List.of(
                condition(WhatsAppSessionStatus.CONDITION_READY, "Connected"),
                condition(WhatsAppSessionStatus.CONDITION_POD_READY, "PodReady"),
                condition(WhatsAppSessionStatus.CONDITION_CONNECTED, "Connected")));
        client.resources(WhatsAppSession.class).inNamespace(cluster.namespace()).withName(name).editStatus(s -> {
            s.setStatus(status);
            return s;
        });
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(String type, String reason) {
        return new ConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(reason)
                .withLastTransitionTime("2026-11-21T05:00:00Z").build();
    }
}
