package io.kubezap.system;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.system.scale.ApiRequests;
import io.kubezap.system.scale.ConnectedSessionPods;
import io.kubezap.system.scale.ConnectedSessions;
import io.kubezap.system.scale.GitOpsSessions;
import io.kubezap.system.scale.JvmHeap;
import io.kubezap.system.scale.ReadyStatefulSets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Issue 20's operator figures, not part of the default build ({@code scripts/bench operator}): the packaged operator in
 * its own JVM (the chart's memory limit) against the mock API server in this one, {@value #DEFAULT_SESSIONS} sessions
 * created, every StatefulSet reported ready ({@link ReadyStatefulSets}) and every pod answering connected
 * ({@link ConnectedSessionPods}). Reports how long after the last create every session was Connected with its
 * Secrets, StatefulSet and Service, the operator's live heap after a full GC and its resident memory, and the steady
 * state: API server and pod requests per second per 1,000 connected sessions. Prints {@code BENCH|…} lines.
 */
@Tag("benchmark")
class OperatorAtScaleBenchmarkIT {

    static final int DEFAULT_SESSIONS = 5000;
    private static final int SESSIONS = Integer.getInteger("benchmark.sessions", DEFAULT_SESSIONS);
    private static final Duration STEADY_WINDOW = Duration.ofSeconds(Long.getLong("benchmark.steadySeconds", 90));
    private static final Duration CONVERGE_LIMIT = Duration.ofMinutes(Long.getLong("benchmark.convergeMinutes", 20));
    /**
     * Objects as a real API server stores them (default): managedFields on everything the operator watches
     * ({@link io.kubezap.system.apiserver.ServerShapedObjects}), and on every WhatsAppSession the annotations of a
     * GitOps apply (kubectl's last-applied-configuration, Argo CD's tracking id). {@code false}: as the mock stores them.
     */
    private static final boolean SERVER_SHAPED = Boolean.parseBoolean(System.getProperty("benchmark.serverShaped", "true"));
    /** JVM options after the image's (e.g. {@code -XX:+UseSerialGC}), space-separated: to compare settings. */
    private static final List<String> OPERATOR_JVM_OPTIONS = words(System.getProperty("benchmark.operatorJvmOptions", ""));
    /** Environment of the operator process besides the chart's, {@code NAME=value} space-separated. */
    private static final List<String> OPERATOR_ENVIRONMENT = words(System.getProperty("benchmark.operatorEnvironment", ""));
    /** Status latency phase: the share of pods made unreachable, and how many healthy sessions then change phase. */
    private static final double UNREACHABLE_SHARE = Double.parseDouble(System.getProperty("benchmark.unreachableShare", "0.05"));
    private static final int STATUS_CHANGES = Integer.getInteger("benchmark.statusChanges", 1000);
    private static final Duration STATUS_LIMIT = Duration.ofMinutes(3);
    /** After the rest, a second operator process started in front of the fleet ({@link #measureRestart}). */
    private static final boolean RESTART = Boolean.parseBoolean(System.getProperty("benchmark.restart", "true"));
    private static final String NAMESPACE = "default";
    /** Held: the mock server logs every request at INFO, which at this scale costs more than serving them. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    @BeforeAll
    static void quietMockServer() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @Test
    void operatorConvergesAndSettlesAtScale() throws Exception {
        Path root = Path.of(System.getProperty("kubezap.repositoryRoot", ".."));
        Path workDir = Files.createDirectories(Path.of("target", "system", "scale-" + System.currentTimeMillis()).toAbsolutePath());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             MockCluster cluster = startCluster(workDir, root.resolve("helm/kubezap/files/crds/whatsappsessions.kubezap.io-v1.yml"));
             ConnectedSessionPods pods = new ConnectedSessionPods(postgres.getPostgresDatabase());
             ReadyStatefulSets statefulSets = new ReadyStatefulSets(cluster.client(), NAMESPACE);
             ConnectedSessions connected = new ConnectedSessions(cluster.client(), NAMESPACE)) {
            ClusterDatabase.secret(cluster.client(), postgres);
            ClusterDatabase.migrateLikeTheChartsHookJob(postgres, workDir);
            ApiRequests requests = new ApiRequests(cluster.server());
            boolean converged;
            try (QuarkusProcess operator = startOperator(cluster, pods, workDir.resolve("operator.log"))) {
                awaitStarted(operator, workDir.resolve("operator.log"));
                converged = measure(cluster.client(), operator, requests, pods, connected);
                if (converged && !RESTART) {
                    measureStatusLatency(pods, connected);
                }
            }
            if (converged && RESTART) {
                try (QuarkusProcess restarted = measureRestart(cluster, pods, requests, connected, workDir.resolve("operator-restarted.log"))) {
                    measureStatusLatency(pods, connected);
                }
            }
        }
    }

    /** Whether every session converged; the converging, the steady state and the operator's memory reported. */
    private static boolean measure(KubernetesClient client, QuarkusProcess operator, ApiRequests requests,
                                   ConnectedSessionPods pods, ConnectedSessions connected) throws Exception {
        requests.drain();
        long start = System.nanoTime();
        new ForkJoinPool(8).submit(() -> IntStream.range(0, SESSIONS).parallel().forEach(i -> create(client, i))).get();
        long created = System.nanoTime();
        boolean allConnected = awaitQuietly(CONVERGE_LIMIT, () -> operator.isAlive() && connected.count() >= SESSIONS);
        long converged = System.nanoTime();
        long residentAtConvergence = JvmHeap.residentBytes(operator.pid());
        report("%d sessions: objects".formatted(SESSIONS), SERVER_SHAPED ? "server-shaped (managedFields, GitOps annotations)" : "as the mock stores them", "");
        report("%d sessions: creating every WhatsAppSession".formatted(SESSIONS), "%.1f s".formatted(seconds(created - start)), "");
        report("%d sessions: operator resident memory at convergence".formatted(SESSIONS), "%d MiB".formatted(residentAtConvergence >> 20), "<= 400 MiB");
        Map<String, Long> converging = requests.drain();
        report("%d sessions: API server requests until converged (the benchmark's own included)".formatted(SESSIONS),
                converging.values().stream().mapToLong(Long::longValue).sum() + " " + converging.toString().replace('|', '/'), "report");
        if (!allConnected) {
            report("%d sessions: all Connected, after the last create".formatted(SESSIONS),
                    "NOT within %d min: %d Connected".formatted(CONVERGE_LIMIT.toMinutes(), connected.count()), "<= 60 s");
            reportOperatorMemory(operator);
            return false;
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> hasEveryObject(client));
        report("%d sessions: all Connected with Secrets, StatefulSet, Service, after the last create".formatted(SESSIONS),
                "%.1f s".formatted(seconds(converged - created)), "<= 60 s");

        requests.drain();
        long podCallsBefore = pods.calls();
        Thread.sleep(STEADY_WINDOW.toMillis());
        Map<String, Long> steady = requests.drain();
        long podCalls = pods.calls() - podCallsBefore;
        double perThousand = 1000.0 / SESSIONS / STEADY_WINDOW.toSeconds();
        long apiCalls = steady.values().stream().mapToLong(Long::longValue).sum();
        report("steady state: API server requests/s per 1,000 connected sessions (%d s window)".formatted(STEADY_WINDOW.toSeconds()),
                "%.2f %s".formatted(apiCalls * perThousand, steady.isEmpty() ? "" : steady.toString().replace('|', '/')), "report");
        report("steady state: session pod polls/s per 1,000 connected sessions", "%.1f".formatted(podCalls * perThousand), "report");

        reportOperatorMemory(operator);
        return true;
    }

    /**
     * A new operator process in front of the whole fleet (a rollout of the operator, its node drained): its informers
     * list every session, StatefulSet and Secret at start, in pages ({@code contract.ListPages}). How long until it
     * has started (Quarkus' "started in": JOSDK has synced every informer by then), the API requests of that start by
     * kind (each list page is one GET), its peak resident memory, and whether every session stays Connected. Returns
     * the running process, for what is measured after.
     */
    private static QuarkusProcess measureRestart(MockCluster cluster, ConnectedSessionPods pods, ApiRequests requests,
                                                 ConnectedSessions connected, Path log) throws Exception {
        requests.drain();
        long start = System.nanoTime();
        QuarkusProcess operator = startOperator(cluster, pods, log);
        try {
            awaitStarted(operator, log);
            report("%d sessions, operator restarted: started until its informers synced".formatted(SESSIONS),
                    "%.1f s".formatted(seconds(System.nanoTime() - start)), "report");
            Map<String, Long> starting = requests.drain();
            report("%d sessions, operator restarted: API server requests until started (a list page is one GET)".formatted(SESSIONS),
                    starting.values().stream().mapToLong(Long::longValue).sum() + " " + starting.toString().replace('|', '/'), "report");
            Thread.sleep(STEADY_WINDOW.toMillis());
            report("%d sessions, operator restarted: Connected after %d s".formatted(SESSIONS, STEADY_WINDOW.toSeconds()),
                    Long.toString(connected.count()), "all");
            report("%d sessions, operator restarted: peak resident memory (VmHWM, since start)".formatted(SESSIONS),
                    "%d MiB".formatted(JvmHeap.peakResidentBytes(operator.pid()) >> 20), "<= 400 MiB");
            return operator;
        } catch (Exception | AssertionError failed) {
            operator.close();
            throw failed;
        }
    }

    /**
     * Issue 50 part 2's figure: a share of the pods stops answering (a partitioned node), then at one moment a sample
     * of the healthy sessions' pods start reporting Reconnecting; how long until each session's status says so. What
     * it includes: the pod's notification on PostgreSQL, the operator's poll it causes (or the wait for the session's
     * next poll, were it lost), the call, the status write, and the watch event to this test; each session's from the
     * moment its own pod changed (the stand-in's pods notify one after another). Twice: with the unreachable pods
     * silent, then (another sample) with every unreachable pod notifying at the same moment as the changes, so that
     * the operator asks them all at once (their node cut off from the operator, not from PostgreSQL: the worst case).
     */
    private static void measureStatusLatency(ConnectedSessionPods pods, ConnectedSessions connected) throws Exception {
        int unreachable = (int) Math.round(SESSIONS * UNREACHABLE_SHARE);
        List<String> hung = IntStream.range(0, unreachable).mapToObj(OperatorAtScaleBenchmarkIT::name).toList();
        pods.makeUnreachable(hung);
        int step = Math.max(2, (SESSIONS - unreachable) / STATUS_CHANGES);
        for (boolean hungNotify : new boolean[] {false, true}) {
            int offset = hungNotify ? step / 2 : 0;
            List<String> changed = IntStream.range(unreachable, SESSIONS).filter(i -> (i - unreachable) % step == offset)
                    .limit(STATUS_CHANGES).mapToObj(OperatorAtScaleBenchmarkIT::name).toList();
            if (hungNotify) {
                for (String session : hung) {
                    pods.notifyChange(session);
                }
            }
            for (String session : changed) {
                pods.answerPhase(session, "Reconnecting");
            }
            awaitQuietly(STATUS_LIMIT, () -> changed.stream().allMatch(session -> connected.leftConnectedAt(session).isPresent()));
            long[] latencies = changed.stream().flatMap(session -> connected.leftConnectedAt(session).stream()
                            .map(at -> at - pods.changedAt(session)))
                    .mapToLong(Long::longValue).sorted().toArray();
            String what = "%d sessions, %d pods unreachable%s: status latency of %d sessions' phase change".formatted(
                    SESSIONS, unreachable, hungNotify ? " and all notifying at once" : " (silent)", changed.size());
            report(what + ", seen", "%d of %d within %d min".formatted(latencies.length, changed.size(),
                    STATUS_LIMIT.toMinutes()), "all");
            report(what + ", p50 / p99 / max", "%s / %s / %s".formatted(percentile(latencies, changed.size(), 50),
                    percentile(latencies, changed.size(), 99), percentile(latencies, changed.size(), 100)), "report");
            changed.stream().filter(session -> connected.leftConnectedAt(session).isEmpty())
                    .forEach(session -> System.out.printf("NOT SEEN %s (changed at %d ms): its pod's last calls %s%n",
                            session, pods.changedAt(session) / 1_000_000, pods.trace(session)));
        }
    }

    /** Nearest rank among all {@code total}; a session never seen is slower than every one seen. */
    private static String percentile(long[] sorted, int total, int percent) {
        int rank = Math.max((int) Math.ceil(percent / 100.0 * total) - 1, 0);
        return rank < sorted.length ? "%.1f s".formatted(seconds(sorted[rank])) : "not seen";
    }

    private static String name(int i) {
        return "bench-%05d".formatted(i);
    }

    private static void reportOperatorMemory(QuarkusProcess operator) throws Exception {
        System.out.println(String.join("\n", JvmHeap.nativeMemorySummary(operator.pid())));
        report("%d sessions: operator peak resident memory (VmHWM, since start)".formatted(SESSIONS),
                "%d MiB".formatted(JvmHeap.peakResidentBytes(operator.pid()) >> 20), "<= 400 MiB");
        report("%d sessions: operator live heap after a full GC (own JVM)".formatted(SESSIONS),
                "%d MiB".formatted(JvmHeap.liveBytesAfterFullGc(operator.pid(), 30) >> 20), "<= 256 MiB");
        report("%d sessions: operator resident memory after the full GC".formatted(SESSIONS),
                "%d MiB".formatted(JvmHeap.residentBytes(operator.pid()) >> 20), "report");
    }

    private static boolean awaitQuietly(Duration limit, Callable<Boolean> condition) {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(condition);
            return true;
        } catch (ConditionTimeoutException timeout) {
            return false;
        }
    }

    private static void awaitStarted(QuarkusProcess operator, Path log) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> operator.isAlive() && Files.exists(log) && Files.readString(log).contains(" started in "));
    }

    private static MockCluster startCluster(Path workDir, Path crd) throws java.io.IOException {
        return SERVER_SHAPED ? MockCluster.startServerShaped(workDir, crd) : MockCluster.start(workDir, crd);
    }

    private static QuarkusProcess startOperator(MockCluster cluster, ConnectedSessionPods pods, Path log) {
        report("operator JVM options after the image's", OPERATOR_JVM_OPTIONS + " " + OPERATOR_ENVIRONMENT, "");
        // free ports: another engineer's operator on this machine may hold the management port 9000
        Map<String, String> environment = new java.util.HashMap<>(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0",
                        "KUBEZAP_DATABASE_SECRET", ClusterDatabase.SECRET,
                        "KUBEZAP_DATABASE_SECRET_NAMESPACE", MockCluster.OPERATOR_NAMESPACE,
                        "QUARKUS_OPERATOR_SDK_LEADER_ELECTION_ENABLED", "false",
                        "KUBEZAP_MAX_SESSIONS", Integer.toString(SESSIONS + 1),
                        "KUBEZAP_SESSION_ENDPOINT_OVERRIDE", pods.baseUrl()));
        OPERATOR_ENVIRONMENT.stream().map(setting -> setting.split("=", 2))
                .forEach(setting -> environment.put(setting[0], setting[1]));
        return QuarkusProcess.start("operator", Path.of(System.getProperty("kubezap.operatorJar")), cluster.kubeconfig(),
                OPERATOR_JVM_OPTIONS, environment, log);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static void create(KubernetesClient client, int i) {
        var session = new WhatsAppSession();
        session.getMetadata().setName(name(i));
        session.getMetadata().setNamespace(NAMESPACE);
        session.setSpec(new WhatsAppSessionSpec());
        if (SERVER_SHAPED) {
            GitOpsSessions.annotated(client, session);
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> created(client, session));
    }

    /**
     * Created, or already there: on a loaded machine the mock server may answer after the client's 10 s timeout, and
     * a create retried after one may find the first one stored.
     */
    private static boolean created(KubernetesClient client, WhatsAppSession session) {
        try {
            client.resource(session).create();
            return true;
        } catch (KubernetesClientException failed) {
            return failed.getCode() == HttpURLConnection.HTTP_CONFLICT;
        }
    }

    /** Connected implies the workflow made them; counted once to be sure. */
    private static boolean hasEveryObject(KubernetesClient client) {
        return client.secrets().inNamespace(NAMESPACE).list().getItems().size() >= 2L * SESSIONS
                && client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems().size() >= SESSIONS
                && client.services().inNamespace(NAMESPACE).withName(SessionObjectNames.SESSIONS_SERVICE).get() != null;
    }

    private static void report(String measurement, String result, String target) {
        System.out.println("BENCH|operator|" + measurement + "|" + result + "|" + target);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
