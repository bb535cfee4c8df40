package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Polling a pod whose state has not changed reconciles nothing. JOSDK's reconcile counter is per controller (the
 * operator publishes no per-session series), so this runs in an operator and mock cluster of its own, where the one
 * session is the only thing that can reconcile: in the shared one, other tests' sessions retry and reschedule.
 */
@QuarkusTest
@TestProfile(UnchangedPodStateTest.LoneSession.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class UnchangedPodStateTest {

    /** A profile of its own, hence an operator and a mock API server of its own. */
    public static class LoneSession implements QuarkusTestProfile {
    }

    @Inject
    KubernetesClient client;

    @TestHTTPResource(value = "metrics", management = true)
    URI metrics;

    @Test
    void anUnchangedPodStateIsPolledWithoutAReconcileAndAChangeIsPickedUp() throws Exception {
        OperatorCluster cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        SessionPodStub pod = SessionPodStubResource.stub();
        pod.state("papa", SessionStates.waitingForQr("papa", "2@first", Instant.now().plusSeconds(60)));
        cluster.create("papa", spec -> { });
        cluster.podReady("papa");
        await().atMost(PATIENCE).until(() -> phase(cluster.session("papa")) == SessionPhase.WaitingForQR);
        int reads = pod.stateReads("papa");
        // a few polls later, whatever the last change set off is over
        await().atMost(PATIENCE).until(() -> pod.stateReads("papa") >= reads + 2);
        double reconciles = reconcilesStarted();
        String version = cluster.session("papa").getMetadata().getResourceVersion();
        int settled = pod.stateReads("papa");

        await().atMost(PATIENCE).until(() -> pod.stateReads("papa") >= settled + 8);
        assertThat(reconciles).as("reconciles counted at all").isPositive();
        assertThat(reconcilesStarted()).as("reconciles during 8 polls of an unchanged state").isEqualTo(reconciles);
        assertThat(cluster.session("papa").getMetadata().getResourceVersion()).isEqualTo(version);

        pod.state("papa", SessionStates.waitingForQr("papa", "2@second", Instant.now().plusSeconds(60)));
        await().atMost(PATIENCE).until(() -> "2@second".equals(cluster.pairingSecret("papa", "qr")));
        assertThat(reconcilesStarted()).isGreaterThan(reconciles);
    }

    /** JOSDK's counter of reconciles started, as the operator's /q/metrics shows it: here, all of them papa's. */
    private double reconcilesStarted() throws Exception {
        // HTTP/1.1 as Prometheus asks (see WhatsAppSessionOperatorTest.get)
        String exposition = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return exposition.lines()
                .filter(line -> line.startsWith("operator_sdk_reconciliations_started_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static SessionPhase phase(WhatsAppSession session) {
        return session.getStatus() == null ? null : session.getStatus().getPhase();
    }
}
