package io.kubezap.system;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.system.scale.GitOpsSessions;
import io.kubezap.system.scale.ReconciledSessions;
import io.kubezap.testing.apiserver.ApiServerSettings;
import io.kubezap.testing.apiserver.AuditedRequest;
import io.kubezap.testing.apiserver.RealApiServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * A fleet of sessions in one namespace of a real kube-apiserver (audit log on) with its own etcd, the operator
 * installed by the chart ({@link ChartedOperator}), for the at-scale test and benchmark: creating the sessions, waiting
 * until the operator has reconciled them ({@link ReconciledSessions}), and what the audit log says the operator asked.
 */
final class RealOperatorFleet implements AutoCloseable {

    static final String NAMESPACE = "shop";
    /** What a session is made of on a real server: written to kinds the operator's dependents own. */
    static final List<String> SESSION_OBJECTS = List.of("whatsappsessions", "statefulsets", "services", "secrets",
            "networkpolicies", "configmaps");

    final RealApiServer server;
    final Path work;
    final int sessions;
    private final EmbeddedPostgres postgres;
    private final ChartedOperator operator;
    private final ReconciledSessions reconciled;

    private RealOperatorFleet(RealApiServer server, EmbeddedPostgres postgres, ChartedOperator operator, Path work, int sessions) {
        this.server = server;
        this.postgres = postgres;
        this.operator = operator;
        this.work = work;
        this.sessions = sessions;
        this.reconciled = new ReconciledSessions(server.admin(), NAMESPACE);
    }

    static RealOperatorFleet install(String name, int sessions) throws IOException, InterruptedException {
        return install(name, sessions, ApiServerSettings.DEFAULTS.withAuditLog());
    }

    /** With the server run so (its audit log must be on). */
    static RealOperatorFleet install(String name, int sessions, ApiServerSettings settings) throws IOException, InterruptedException {
        RealApiServer server = RealApiServer.start(settings);
        EmbeddedPostgres postgres = null;
        try {
            postgres = EmbeddedPostgres.builder().start();
            Path work = Files.createDirectories(Path.of("target", "real-apiserver-scale").toAbsolutePath()
                    .resolve(name + "-" + System.currentTimeMillis()));
            ChartedOperator operator = ChartedOperator.install(server, postgres, work, Map.of(), List.of(NAMESPACE));
            return new RealOperatorFleet(server, postgres, operator, work, sessions);
        } catch (IOException | InterruptedException | RuntimeException failed) {
            if (postgres != null) {
                postgres.close();
            }
            server.close();
            throw failed;
        }
    }

    /** The operator started (its informers synced), allowed one more session than the fleet. */
    QuarkusProcess startOperator(String name) {
        return startOperator(name, server.url());
    }

    /** {@link #startOperator(String)}, the operator connecting to {@code serverUrl} (a relay in front of the server). */
    QuarkusProcess startOperator(String name, String serverUrl) {
        return operator.start(serverUrl, work, name, Map.of("KUBEZAP_MAX_SESSIONS", Integer.toString(sessions + 10)));
    }

    String operatorUser() {
        return operator.user();
    }

    /** Creates every session (eight at a time, with the annotations GitOps tools write), returns when all are. */
    void createAll() throws Exception {
        new ForkJoinPool(8).submit(() -> IntStream.range(0, sessions).parallel().forEach(this::create)).get();
    }

    static String name(int i) {
        return "fleet-%05d".formatted(i);
    }

    private void create(int i) {
        create(name(i));
    }

    /** Creates one session of that name. */
    void create(String name) {
        var session = new WhatsAppSession();
        session.getMetadata().setName(name);
        session.getMetadata().setNamespace(NAMESPACE);
        session.setSpec(new WhatsAppSessionSpec());
        GitOpsSessions.annotated(server.admin(), session);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try {
                server.admin().resource(session).create();
                return true;
            } catch (KubernetesClientException failed) {
                return failed.getCode() == HttpURLConnection.HTTP_CONFLICT; // a retried create finding the first
            }
        });
    }

    /** Whether every session got its status and objects within {@code limit}, the operator alive throughout. */
    boolean awaitReconciled(QuarkusProcess running, Duration limit) {
        try {
            await().atMost(limit).pollInterval(Duration.ofSeconds(2))
                    .failFast("the operator exited", () -> !running.isAlive())
                    .until(() -> reconciled.withStatus() >= sessions);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> reconciled.everyObjectMade(sessions));
            return true;
        } catch (ConditionTimeoutException timeout) {
            return false;
        }
    }

    long withStatus() {
        return reconciled.withStatus();
    }

    /** The operator's requests the server received from {@code from} on (the audit log's receive time). */
    List<AuditedRequest> operatorRequests(Instant from) {
        return server.auditLog().requests().stream()
                .filter(request -> request.user().equals(operatorUser()) && !request.received().isBefore(from)).toList();
    }

    /** Its writes to what makes a session (not its Lease, not Events). */
    static List<AuditedRequest> sessionWrites(List<AuditedRequest> requests) {
        return requests.stream().filter(r -> r.isWrite() && SESSION_OBJECTS.contains(r.resource())).toList();
    }

    /** Counts by {@link AuditedRequest#kind()}, sorted. */
    static Map<String, Long> byKind(List<AuditedRequest> requests) {
        return requests.stream().collect(Collectors.groupingBy(AuditedRequest::kind, TreeMap::new, Collectors.counting()));
    }

    /** The operator's list requests of a resource: their limit and continue token, in order. */
    static List<AuditedRequest> lists(List<AuditedRequest> requests, String resource) {
        return requests.stream().filter(r -> r.verb().equals("list") && r.resource().equals(resource)).toList();
    }

    /** Keeps the audit log with the processes' logs (the server's directory goes with it). */
    @Override
    public void close() throws IOException {
        Path audit = server.auditLog().file();
        if (Files.exists(audit)) {
            Files.copy(audit, work.resolve("apiserver-audit.log"));
        }
        reconciled.close();
        try {
            postgres.close();
        } finally {
            server.close();
        }
    }
}
