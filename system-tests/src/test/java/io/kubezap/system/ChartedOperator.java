package io.kubezap.system;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.testing.apiserver.EstablishedCrd;
import io.kubezap.testing.apiserver.RealApiServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The operator as the chart installs it on a real API server: the chart's CRD, namespaces, ServiceAccounts and rights
 * applied as rendered, an external PostgreSQL (embedded) migrated like the chart's hook Job, and the packaged operator
 * (server-side apply on, as the image ships it) started as a process logged in with its ServiceAccount's token, so
 * that the audit log names it {@link #user()}. Namespaces for sessions are the test's.
 */
final class ChartedOperator {

    private static final String EXTERNAL_DATABASE = "kubezap-database";
    private static final String GATEWAY_DATABASE = "kubezap-gateway-database-password";

    private final RealApiServer server;
    private final Map<String, String> environment;
    private final String account;

    private ChartedOperator(RealApiServer server, Map<String, String> environment, String account) {
        this.server = server;
        this.environment = environment;
        this.account = account;
    }

    /** Installs what the chart would for {@code values} (besides the external database's), sessions namespaces made. */
    static ChartedOperator install(RealApiServer server, EmbeddedPostgres postgres, Path work, Map<String, Object> values,
                                   List<String> sessionNamespaces) throws IOException, InterruptedException {
        KubernetesClient admin = server.admin();
        for (String namespace : java.util.stream.Stream.concat(java.util.stream.Stream.of(RenderedChart.NAMESPACE),
                sessionNamespaces.stream()).toList()) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            // what kube-controller-manager's ServiceAccount controller would make (none runs here)
            admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName("default").endMetadata().build()).create();
        }
        secret(admin, EXTERNAL_DATABASE, Map.of("jdbc-uri", postgres.getJdbcUrl("postgres", "postgres"),
                "username", "postgres", "password", "postgres"));
        secret(admin, GATEWAY_DATABASE, Map.of("password", ClusterDatabase.GATEWAY_PASSWORD));
        ClusterDatabase.migrateLikeTheChartsHookJob(postgres, work);
        Map<String, Object> allValues = new HashMap<>(values);
        allValues.putAll(Map.of("postgresql.bundled.enabled", "false", "postgresql.external.secretName", EXTERNAL_DATABASE,
                "gateway.database.existingSecret", GATEWAY_DATABASE));
        RenderedChart chart = RenderedChart.render(server.adminKubeconfig(), admin, allValues);
        chart.applyIdentitiesAndRights(admin);
        EstablishedCrd.await(admin, "whatsappsessions.kubezap.io");
        String account = chart.all(Deployment.class).stream().filter(d -> "kubezap-operator".equals(d.getMetadata().getName()))
                .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getServiceAccountName();
        Map<String, String> environment = new HashMap<>(chart.environment("kubezap-operator", admin));
        environment.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0"));
        return new ChartedOperator(server, environment, account);
    }

    /** The user the operator's requests come from, as the audit log names it. */
    String user() {
        return "system:serviceaccount:" + RenderedChart.NAMESPACE + ":" + account;
    }

    /**
     * Starts the operator against {@code serverUrl} (the server's, or a relay's in front of it) and waits until it
     * has started: Quarkus' "started in", after JOSDK has synced every informer.
     */
    QuarkusProcess start(String serverUrl, Path work, String name) {
        return start(serverUrl, work, name, Map.of());
    }

    /** {@link #start(String, Path, String)} with these environment variables besides the chart's. */
    QuarkusProcess start(String serverUrl, Path work, String name, Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>(this.environment);
        environment.putAll(extraEnvironment);
        Path log = work.resolve(name + ".log");
        Path kubeconfig = ServiceAccountLogin.kubeconfig(server.admin(), serverUrl, RenderedChart.NAMESPACE, account,
                work.resolve(name + ".kubeconfig"));
        QuarkusProcess operator = QuarkusProcess.start("operator", Path.of(System.getProperty("kubezap.realOperatorJar")),
                kubeconfig, List.of(), environment, log);
        try {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                    .failFast("the operator exited, see " + log, () -> !operator.isAlive())
                    .until(() -> Files.exists(log) && Files.readString(log).contains(" started in "));
            return operator;
        } catch (RuntimeException | Error failed) {
            try {
                operator.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw failed;
        }
    }

    private static void secret(KubernetesClient admin, String name, Map<String, String> data) {
        admin.secrets().inNamespace(RenderedChart.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().withStringData(data).build()).create();
    }
}
