package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Not part of the default build. Creates {@value #SESSIONS} WhatsAppSessions against the mock API server and reports
 * how long until every one has its two Secrets, StatefulSet, Service and a status, and the heap afterwards.
 * Run: {@code ./mvnw -B -pl operator verify -Doperator.excludedGroups=none -Dgroups=benchmark}
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(ThousandSessionsBenchmarkTest.Production.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class ThousandSessionsBenchmarkTest {

    static final int SESSIONS = Integer.getInteger("benchmark.sessions", 1000);

    /** Production poll intervals and a limit above the session count. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.max-sessions", Integer.toString(SESSIONS + 1),
                    "kubezap.poll.pairing-interval", "2s",
                    "kubezap.poll.connected-interval", "30s",
                    "quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void thousandSessionsGetTheirObjectsAndAStatus() {
        String namespace = client.getNamespace();
        new OperatorCluster(client).databaseSecret("s3cret");
        long start = System.nanoTime();
        IntStream.range(0, SESSIONS).parallel().forEach(i -> new OperatorCluster(client).create(name(i), spec -> { }));
        long created = System.nanoTime();

        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                client.secrets().inNamespace(namespace).list().getItems().size() >= 2 * SESSIONS
                        && client.apps().statefulSets().inNamespace(namespace).list().getItems().size() >= SESSIONS
                        && client.resources(WhatsAppSession.class).inNamespace(namespace).list().getItems().stream()
                        .filter(s -> s.getStatus() != null && s.getStatus().getPhase() != null).count() >= SESSIONS);
        long converged = System.nanoTime();

        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("BENCHMARK sessions=%d create=%.1fs converged=%.1fs (after create %.1fs) heapUsedAfterGc=%dMiB "
                        + "heapCommitted=%dMiB cpus=%d maxHeap=%dMiB%n",
                SESSIONS, seconds(created - start), seconds(converged - start), seconds(converged - created),
                heap.getUsed() >> 20, heap.getCommitted() >> 20, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        // the lines scripts/bench collects into its table
        System.out.printf("BENCH|operator|%d sessions: all converged, after the last create|%.1f s|<= 60 s%n",
                SESSIONS, seconds(converged - created));
        System.out.printf("BENCH|operator|%d sessions: heap after GC (test JVM, mock API server included)|%d MiB|<= 256 MiB%n",
                SESSIONS, heap.getUsed() >> 20);
    }

    private static String name(int i) {
        return "bench-%04d".formatted(i);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
