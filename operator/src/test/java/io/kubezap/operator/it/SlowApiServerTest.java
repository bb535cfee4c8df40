package io.kubezap.operator.it;

import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.testing.apiserver.StalledMockApiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 84: an API server that answers nothing for 30 s, as one does under load or during a control-plane upgrade,
 * delays the operator and never stops it. Its answers are held by a {@link io.kubezap.testing.apiserver.TcpRelay}
 * from before the operator starts, then again mid-run; each time the operator stays up, reports not ready while its
 * informers have not synced, and once the server answers again converges what was created meanwhile, with no
 * restart. On the fabric8 mock API server; {@code RealApiServerStallIT} (system-tests) is the same on a real one.
 */
@QuarkusTest
@TestProfile(SlowApiServerTest.ShortCacheSyncWait.class)
@WithTestResource(StalledMockApiServer.class)
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowApiServerTest {

    private static final Duration SILENCE = Duration.ofSeconds(30);
    /** The client's request timeout (10 s) and the informers' retry backoff (up to 32 s) after the silence. */
    private static final Duration RECOVERY = Duration.ofMinutes(2);

    /**
     * The start waits this long for the informers before it goes on unsynced (JOSDK's default is 2 min). Leader
     * election stays off: the mock API server refuses the SelfSubjectRulesReview JOSDK checks the Lease's access with.
     */
    public static class ShortCacheSyncWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.cache-sync-timeout", "PT5S");
        }
    }

    @TestHTTPResource(value = "health/ready", management = true)
    URI ready;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new OperatorCluster(StalledMockApiServer.direct());
    }

    @Test
    @Order(1)
    void startedWhileTheApiServerAnsweredNothingItWaitsNotReadyThenConverges() throws Exception {
        assertThat(readiness()).as("readiness while no informer has listed").isEqualTo(503);
        cluster.databaseSecret("s3cret");
        SessionPodStubResource.stub();
        cluster.create("stalled-at-start", spec -> { });

        StalledMockApiServer.resumeAfter(SILENCE);

        await().atMost(RECOVERY).untilAsserted(() -> assertThat(readiness()).as("readiness once synced").isEqualTo(200));
        awaitConverged("stalled-at-start");
    }

    @Test
    @Order(2)
    void silentMidRunItKeepsRunningAndConvergesWhatChangedMeanwhile() throws Exception {
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(readiness()).isEqualTo(200));
        StalledMockApiServer.stall();
        cluster.create("stalled-mid-run", spec -> { });

        StalledMockApiServer.resumeAfter(SILENCE);

        awaitConverged("stalled-mid-run");
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(readiness()).isEqualTo(200));
    }

    /** Its objects made and its status written, by this same operator process. */
    private void awaitConverged(String name) {
        await().atMost(RECOVERY).until(() -> cluster.statefulSet(name) != null && cluster.secret(name + "-api-key") != null);
        cluster.podReady(name);
        await().atMost(RECOVERY).until(() -> cluster.session(name).getStatus() != null
                && cluster.session(name).getStatus().getPhase() != null);
    }

    private int readiness() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
