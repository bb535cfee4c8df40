package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pods that accept a request and never answer it (a partitioned node) hold up no other session's status. Their
 * requests are given no deadline within the test (kubezap.session.request-timeout 10m), so every hung request is
 * still open when the healthy session's change reaches its status: what arrives, in which order, not how fast.
 */
@QuarkusTest
@TestProfile(HungPodsTest.NoDeadlineWithinTheTest.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class HungPodsTest {

    /** More hung pods than the operator ever had polling threads (4). */
    private static final int HUNG = 8;

    public static class NoDeadlineWithinTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.session.request-timeout", "10m");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void aHealthySessionsChangeReachesItsStatusWhileOtherPodsHang() {
        OperatorCluster cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        SessionPodStub pods = SessionPodStubResource.stub();
        pods.state("quebec", SessionStates.waitingForQr("quebec", "2@first", Instant.now().plusSeconds(60)));
        cluster.create("quebec", spec -> { });
        cluster.podReady("quebec");
        await().atMost(PATIENCE).until(() -> qr(cluster, "quebec").equals("2@first"));

        List<String> hung = IntStream.range(0, HUNG).mapToObj(i -> "hung-" + i).toList();
        hung.forEach(pods::hung);
        hung.forEach(name -> cluster.create(name, spec -> { }));
        hung.forEach(cluster::podReady);
        await().atMost(PATIENCE).until(() -> hung.stream().allMatch(name -> pods.stateReads(name) >= 1));

        pods.state("quebec", SessionStates.waitingForQr("quebec", "2@second", Instant.now().plusSeconds(60)));
        await().atMost(PATIENCE).until(() -> qr(cluster, "quebec").equals("2@second"));
        assertThat(hung).as("every hung pod was asked once and is still being waited for")
                .allSatisfy(name -> assertThat(pods.stateReads(name)).as(name).isEqualTo(1));
    }

    private static String qr(OperatorCluster cluster, String name) {
        return cluster.pairingSecret(name, "qr");
    }
}
