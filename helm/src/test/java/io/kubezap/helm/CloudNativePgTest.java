package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 50, part 4: the production path, a CloudNativePG Cluster and its Pooler in transaction mode, in place of the
 * bundled server. The operator, the gateway and the migration Job use the Secret CloudNativePG writes; session pods get
 * the Pooler's URL; the server is sized for the poolers, never for every session.
 */
class CloudNativePgTest {

    private static final Map<String, Object> CNPG = Map.of("postgresql.cloudnativepg.enabled", true);

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void aClusterAndItsPoolerReplaceTheBundledServer() throws IOException {
        Manifests manifests = chart.render(CNPG);
        String bootstrapFile = Files.readString(chart.file("files/database-bootstrap.sql"));

        assertThat(manifests.all(StatefulSet.class)).isEmpty();
        assertThat(manifests.all(Secret.class)).noneMatch(secret -> secret.getMetadata().getName().equals("kubezap-postgresql"));
        assertThat(manifests.all(Deployment.class)).noneMatch(deployment -> deployment.getMetadata().getName().endsWith("pgbouncer"));

        GenericKubernetesResource cluster = cnpg(manifests, "Cluster");
        assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.getMetadata().getName()).isEqualTo("kubezap-db");
        assertThat(cluster.<Integer>get("spec", "instances")).isEqualTo(3);
        assertThat(cluster.<String>get("spec", "postgresql", "parameters", "max_connections"))
                .as("2 Pooler instances × 50 + 10 reserved + 3").isEqualTo("113");
        assertThat(cluster.<Map<String, Object>>get("spec", "bootstrap", "initdb"))
                .containsEntry("database", "kubezap").containsEntry("owner", "kubezap");
        assertThat(cluster.<List<String>>get("spec", "bootstrap", "initdb", "postInitApplicationSQL"))
                .as("as the superuser, what the owner's migrations cannot (issues 68, 79), and streaming_replica's login to postgres")
                .satisfiesExactly(
                        bootstrap -> assertThat(bootstrap).isEqualTo(bootstrapFile),
                        replicas -> assertThat(replicas).contains("create role streaming_replica login replication",
                                "grant connect on database postgres to streaming_replica"));
        assertThat(cluster.<String>get("spec", "postgresql", "parameters", "log_parameter_max_length"))
                .as("no bind parameter, so no session token, in the server log").isEqualTo("0");
        assertThat(cluster.<List<String>>get("spec", "postgresql", "pg_hba")).as("issue 79, S1; TenantHbaTest tries them")
                .containsExactly("host \"kubezap\" +kubezap_session all scram-sha-256", "host all +kubezap_session all reject");
        Map<String, Object> owner = cluster.<List<Map<String, Object>>>get("spec", "managed", "roles").getFirst();
        assertThat(owner).as("the admin creates a role per session and ends what a tenant's connection must not hold")
                .containsEntry("name", "kubezap").containsEntry("createrole", true).containsEntry("login", true)
                .containsEntry("inRoles", List.of("pg_read_all_stats", "pg_signal_backend"))
                .containsEntry("passwordSecret", Map.of("name", "kubezap-db-app"));

        GenericKubernetesResource pooler = cnpg(manifests, "Pooler");
        assertThat(pooler.getMetadata().getName()).isEqualTo("kubezap-db-pooler");
        assertThat(pooler.<String>get("spec", "cluster", "name")).isEqualTo("kubezap-db");
        assertThat(pooler.<String>get("spec", "type")).isEqualTo("rw");
        assertThat(pooler.<Integer>get("spec", "instances")).isEqualTo(2);
        assertThat(pooler.<String>get("spec", "pgbouncer", "poolMode")).isEqualTo("transaction");
        assertThat(pooler.<Map<String, String>>get("spec", "pgbouncer", "parameters"))
                .containsEntry("max_db_connections", "50").containsEntry("default_pool_size", "10")
                .containsEntry("max_client_conn", "2010").containsEntry("max_user_connections", "10")
                .containsEntry("max_prepared_statements", "200")
                .allSatisfy((name, value) -> assertThat(value).as(name + ": CloudNativePG takes strings").isInstanceOf(String.class));
    }

    @Test
    void theOperatorUsesCloudNativePgsSecretAndGivesSessionsThePoolersUrl() {
        Map<String, String> env = chart.render(CNPG).operatorEnv();

        assertThat(env).containsEntry("KUBEZAP_DATABASE_SECRET", "kubezap-db-app")
                .containsEntry("KUBEZAP_DATABASE_URL_KEY", "jdbc-uri")
                .containsEntry("KUBEZAP_DATABASE_SESSION_URL",
                        "jdbc:postgresql://kubezap-db-pooler.kubezap-system.svc:5432/kubezap");
        assertThat(chart.render().operatorEnv()).as("the bundled Secret names its pooler itself")
                .doesNotContainKey("KUBEZAP_DATABASE_SESSION_URL");
    }

    @Test
    void sessionsKeepOneConnectionOpenOnlyWhereItEndsAtAPooler() {
        assertThat(chart.render(CNPG).operatorEnv()).as("CloudNativePG's Pooler")
                .containsEntry("KUBEZAP_SESSION_DATABASE_POOL_MIN", "1");
        assertThat(chart.render(Map.of("postgresql.pooler.enabled", true)).operatorEnv()).as("the chart's PgBouncer")
                .containsEntry("KUBEZAP_SESSION_DATABASE_POOL_MIN", "1");
        assertThat(chart.render(Map.of("postgresql.pooler.enabled", false, "operator.maxSessions", 100)).operatorEnv())
                .as("direct: a kept connection would be a server process (the pod's 0)")
                .doesNotContainKey("KUBEZAP_SESSION_DATABASE_POOL_MIN");
        assertThat(chart.render(Map.of("postgresql.pooler.enabled", true, "session.databasePoolMin", 0)).operatorEnv())
                .as("set by hand").doesNotContainKey("KUBEZAP_SESSION_DATABASE_POOL_MIN");
    }

    @Test
    void sessionsPrepareStatementsOnlyWhereThePoolerKeepsThem() {
        Map<String, Object> noneKept = Map.of("postgresql.cloudnativepg.enabled", true, "postgresql.pooler.maxPreparedStatements", 0);
        Manifests manifests = chart.render(noneKept);

        assertThat(cnpg(manifests, "Pooler").<Map<String, String>>get("spec", "pgbouncer", "parameters"))
                .containsEntry("max_prepared_statements", "0");
        assertThat(chart.render(noneKept).operatorEnv()).as("a statement pgjdbc prepared would be missing on the next server connection")
                .containsEntry("KUBEZAP_DATABASE_SESSION_URL",
                        "jdbc:postgresql://kubezap-db-pooler.kubezap-system.svc:5432/kubezap?prepareThreshold=0");
        assertThat(chart.render(Map.of("postgresql.pooler.enabled", true, "postgresql.pooler.maxPreparedStatements", 0))
                .one(Secret.class).getStringData())
                .containsEntry("session-jdbc-uri", "jdbc:postgresql://kubezap-pgbouncer.kubezap-system.svc:5432/kubezap?prepareThreshold=0");
    }

    @Test
    void tenThousandSessionsStillNeedOnlyThePoolersConnections() {
        Manifests manifests = chart.render(Map.of("postgresql.cloudnativepg.enabled", true, "operator.maxSessions", 10_000,
                "postgresql.cloudnativepg.pooler.instances", 3, "postgresql.pooler.serverConnections", 100));

        assertThat(cnpg(manifests, "Cluster").<String>get("spec", "postgresql", "parameters", "max_connections"))
                .isEqualTo("313"); // 3 × 100 + 10 + 3
        assertThat(cnpg(manifests, "Pooler").<Map<String, String>>get("spec", "pgbouncer", "parameters"))
                .containsEntry("max_client_conn", "40010");
    }

    /** The sizing helm/README.md gives for 10,000 sessions renders, and a pooled server above 500 is the user's call. */
    @Test
    void theReadmesTenThousandSessionValuesStayWithin500Connections() {
        Manifests manifests = chart.render(Map.of("postgresql.cloudnativepg.enabled", true, "operator.maxSessions", 10_000,
                "postgresql.cloudnativepg.pooler.instances", 2, "postgresql.pooler.serverConnections", 240));
        assertThat(cnpg(manifests, "Cluster").<String>get("spec", "postgresql", "parameters", "max_connections"))
                .isEqualTo("493");

        assertThat(cnpg(chart.render(Map.of("postgresql.cloudnativepg.enabled", true, "postgresql.pooler.serverConnections", 300)),
                "Cluster").<String>get("spec", "postgresql", "parameters", "max_connections")).isEqualTo("613");
    }

    @Test
    void aMaxConnectionsBelowThePoolersIsRefused() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.cloudnativepg.enabled", true,
                "postgresql.cloudnativepg.maxConnections", 100)))
                .hasMessageContaining("postgresql.cloudnativepg.maxConnections=100 cannot hold the connection budget")
                .hasMessageContaining("postgresql.pooler.serverConnections (50) × postgresql.cloudnativepg.pooler.instances (2)");
    }

    @Test
    void sessionPodsMayReachThePoolerUnderTheirEgressPolicy() {
        Manifests manifests = chart.render(Map.of("postgresql.cloudnativepg.enabled", true, "networkPolicy.enabled", true));

        assertThat(SessionPolicies.of(manifests)).filteredOn(policy -> policy.getSpec().getPolicyTypes().contains("Egress"))
                .hasSize(1)
                .allSatisfy(policy -> assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo())
                        .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                                .containsEntry("cnpg.io/poolerName", "kubezap-db-pooler"))));
    }

    private static GenericKubernetesResource cnpg(Manifests manifests, String kind) {
        return manifests.all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals(kind))
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        list -> { assertThat(list).hasSize(1); return list.getFirst(); }));
    }
}
