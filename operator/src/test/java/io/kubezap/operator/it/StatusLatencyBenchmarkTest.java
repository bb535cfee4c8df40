package io.kubezap.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Not part of the default build: status latency of a small fleet in which some pods hang (issue 50 part 2), with a
 * trace of every session whose change is not seen: what its pod was asked and answered (the stub), and what the
 * status went through (a watch). {@code -Dbenchmark.sessions}, {@code -Dbenchmark.hungShare},
 * {@code -Dbenchmark.changes}. Run: {@code ./mvnw -B -o -pl contract,operator -am verify -Doperator.excludedGroups=none
 * -Dgroups=benchmark -Dtest=StatusLatencyBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(StatusLatencyBenchmarkTest.Intervals.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class StatusLatencyBenchmarkTest {

    private static final int SESSIONS = Integer.getInteger("benchmark.sessions", 300);
    private static final double HUNG_SHARE = Double.parseDouble(System.getProperty("benchmark.hungShare", "0.05"));
    private static final int CHANGES = Integer.getInteger("benchmark.changes", 100);
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("benchmark.limitSeconds", 90));

    /**
     * The production shape, scaled down ten times in time by default (production: {@code -Dbenchmark.pairingInterval=2s
     * -Dbenchmark.connectedInterval=30s -Dbenchmark.requestTimeout=5s}): a change waits for a poll like in a cluster.
     */
    public static class Intervals implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.max-sessions", Integer.toString(SESSIONS + 1),
                    "kubezap.poll.pairing-interval", System.getProperty("benchmark.pairingInterval", "500ms"),
                    "kubezap.poll.connected-interval", System.getProperty("benchmark.connectedInterval", "3s"),
                    "kubezap.session.request-timeout", System.getProperty("benchmark.requestTimeout", "2s"),
                    "quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN",
                    "quarkus.log.category.\"io.kubezap.operator.polling\".level",
                    System.getProperty("benchmark.pollLog", "INFO"),
                    "quarkus.log.category.\"io.kubezap.operator.reconciler\".level",
                    System.getProperty("benchmark.pollLog", "INFO"));
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void statusLatencyWithHungPods() {
        OperatorCluster cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        SessionPodStub pods = SessionPodStubResource.stub();
        List<String> names = IntStream.range(0, SESSIONS).mapToObj("lat-%04d"::formatted).toList();
        Map<String, List<String>> phases = new ConcurrentHashMap<>();
        Map<String, Long> leftConnected = new ConcurrentHashMap<>();
        SharedIndexInformer<WhatsAppSession> watch = client.resources(WhatsAppSession.class)
                .inNamespace(cluster.namespace()).inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(WhatsAppSession session) {
                        onUpdate(null, session);
                    }

                    @Override
                    public void onUpdate(WhatsAppSession before, WhatsAppSession after) {
                        SessionPhase phase = after.getStatus() == null ? null : after.getStatus().getPhase();
                        List<String> seen = phases.computeIfAbsent(after.getMetadata().getName(), n -> new CopyOnWriteArrayList<>());
                        if (seen.isEmpty() || !seen.getLast().endsWith(" " + phase)) {
                            seen.add(System.nanoTime() / 1_000_000 + " " + phase);
                        }
                        if (phase == SessionPhase.Reconnecting) {
                            leftConnected.putIfAbsent(after.getMetadata().getName(), System.nanoTime());
                        }
                    }

                    @Override
                    public void onDelete(WhatsAppSession session, boolean unknownFinalState) {
                    }
                });
        try {
            names.forEach(name -> pods.state(name, SessionStates.connected(name, "5511" + name.hashCode())));
            names.parallelStream().forEach(name -> cluster.create(name, spec -> { }));
            names.parallelStream().forEach(cluster::podReady);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> names.stream()
                    .allMatch(name -> phases.getOrDefault(name, List.of()).toString().endsWith(" Connected]")));

            int hung = (int) Math.round(SESSIONS * HUNG_SHARE);
            names.subList(0, hung).forEach(pods::hung);
            List<String> changed = names.subList(hung, names.size()).stream()
                    .filter(name -> name.hashCode() % Math.max(1, (SESSIONS - hung) / CHANGES) == 0).limit(CHANGES).toList();
            long start = System.nanoTime();
            changed.forEach(name -> pods.state(name, SessionStates.connected(name, "5511" + name.hashCode())
                    .replace("\"phase\":\"Connected\"", "\"phase\":\"Reconnecting\"")));
            try {
                await().atMost(LIMIT).pollInterval(Duration.ofMillis(200))
                        .until(() -> changed.stream().allMatch(leftConnected::containsKey));
            } catch (ConditionTimeoutException notAll) {
                // reported below
            }
            long[] latencies = changed.stream().filter(leftConnected::containsKey)
                    .mapToLong(name -> (leftConnected.get(name) - start) / 1_000_000).sorted().toArray();
            System.out.printf("BENCH|operator|%d sessions, %d hung: %d changes seen within %d s|%d|all%n", SESSIONS, hung,
                    changed.size(), LIMIT.toSeconds(), latencies.length);
            System.out.printf("BENCH|operator|%d sessions, %d hung: status latency p50 / p99 / max|%s / %s / %s ms|report%n",
                    SESSIONS, hung, rank(latencies, changed.size(), 50), rank(latencies, changed.size(), 99),
                    rank(latencies, changed.size(), 100));
            changed.stream().filter(name -> !leftConnected.containsKey(name)).forEach(name -> System.out.printf(
                    "LOST %s (changed at %d): statuses %s; pod calls %s%n", name, start / 1_000_000,
                    phases.get(name), pods.trace(name)));
        } finally {
            watch.close();
        }
    }

    private static String rank(long[] sorted, int total, int percent) {
        int rank = Math.max((int) Math.ceil(percent / 100.0 * total) - 1, 0);
        return rank < sorted.length ? Long.toString(sorted[rank]) : "not seen";
    }
}
