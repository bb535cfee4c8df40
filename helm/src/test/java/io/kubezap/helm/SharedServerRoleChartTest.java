package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82: the chart's PgBouncer logs every namespace in to the bundled server as the one role kubezap_pooled, by
 * client certificate (record 0020), when postgresql.pooler.sharedServerRole is on; without it nothing of that is
 * rendered and each namespace logs in as its own role (record 0017). The real PgBouncer and PostgreSQL run with this
 * configuration in the operator module's PooledThroughPgBouncerAttackTest.
 */
class SharedServerRoleChartTest {

    private static final Map<String, Object> SHARED = Map.of("postgresql.pooler.enabled", true,
            "postgresql.pooler.sharedServerRole", true);
    private static final String ROLE = SessionSchema.POOLED_SERVER_ROLE;

    private final KubezapChart chart = KubezapChart.inModule();

    @TempDir
    Path workDir;

    @Test
    void thePoolerLogsEveryNamespaceInAsTheSharedRoleByCertificate() throws IOException {
        Manifests manifests = chart.render(SHARED);
        String ini = ini(manifests);

        assertThat(ini).contains("kubezap = host=kubezap-postgresql.kubezap-system.svc port=5432 dbname=kubezap"
                + " auth_user=kubezap user=" + ROLE + " connect_query='" + SessionSchema.pooledConnectQuery("public") + "'");
        assertThat(ini).contains("auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1 AND usename <> '"
                + ROLE + "'", "server_tls_sslmode = verify-ca", "server_tls_cert_file = /etc/pgbouncer/tls/tls.crt",
                "server_reset_query = RESET ALL", "server_reset_query_always = 1", "idle_transaction_timeout = 60", "default_pool_size = 50",
                "max_user_client_connections = 400");
        assertThat(ini).as("a cap of the one server user would cap all namespaces, not one").doesNotContain("max_user_connections = 10");
        Deployment pooler = manifests.one(Deployment.class, "kubezap-pgbouncer");
        assertThat(pooler.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getSecret() != null).extracting(volume -> volume.getSecret().getSecretName())
                .contains("kubezap-pgbouncer-client-tls");
        assertThat(migrationEnv(SHARED)).contains(new EnvVar("KUBEZAP_POOLED_SERVER_LOGIN", "true", null));
    }

    @Test
    void theServerAdmitsTheSharedRoleByItsCertificateOnlyAndBeforeTheTenantsPasswordLine() {
        Manifests manifests = chart.render(SHARED);
        List<String> hba = hba(manifests);

        assertThat(hba.subList(1, 5)).containsExactly("hostssl \"kubezap\" " + ROLE + " all cert",
                "host all " + ROLE + " all reject",
                "host \"kubezap\" +kubezap_session all scram-sha-256", "host all +kubezap_session all reject");
        assertThat(manifests.one(StatefulSet.class, "kubezap-postgresql").getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getArgs()).contains("ssl=on", "ssl_cert_file=/etc/kubezap/tls/tls.crt",
                "ssl_key_file=/etc/kubezap/tls/tls.key", "ssl_ca_file=/etc/kubezap/tls/ca.crt");
    }

    @Test
    void theClientCertificateNamesTheRoleAndBothAreSignedByTheReleasesCa() throws GeneralSecurityException {
        Manifests manifests = chart.render(SHARED);
        Map<String, String> server = manifests.one(Secret.class, "kubezap-postgresql-tls").getStringData();
        Map<String, String> client = manifests.one(Secret.class, "kubezap-pgbouncer-client-tls").getStringData();

        X509Certificate ca = certificate(server.get("ca.crt"));
        X509Certificate clientCertificate = certificate(client.get("tls.crt"));
        X509Certificate serverCertificate = certificate(server.get("tls.crt"));
        clientCertificate.verify(ca.getPublicKey());
        serverCertificate.verify(ca.getPublicKey());
        assertThat(clientCertificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + ROLE);
        assertThat(serverCertificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .contains("kubezap-postgresql.kubezap-system.svc");
        assertThat(client.get("ca.crt")).isEqualTo(server.get("ca.crt"));
        assertThat(client).doesNotContainKey("ca.key");
    }

    @Test
    void withoutTheValueEachNamespaceStillLogsInAsItsOwnRole() throws IOException {
        Manifests manifests = chart.render(Map.of("postgresql.pooler.enabled", true));

        assertThat(ini(manifests)).doesNotContain(" user=", ROLE, "server_tls", "server_reset_query")
                .contains("max_user_connections = 10", "default_pool_size = 10");
        assertThat(String.join("\n", hba(manifests))).doesNotContain(ROLE);
        assertThat(manifests.all(Secret.class)).extracting(secret -> secret.getMetadata().getName())
                .doesNotContain("kubezap-postgresql-tls", "kubezap-pgbouncer-client-tls");
        assertThat(manifests.one(StatefulSet.class, "kubezap-postgresql").getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getArgs()).noneMatch(argument -> argument.startsWith("ssl"));
        assertThat(migrationEnv(Map.of("postgresql.pooler.enabled", true)))
                .contains(new EnvVar("KUBEZAP_POOLED_SERVER_LOGIN", "false", null));
    }

    @Test
    void whereTheChartRunsNoPgBouncerTheValueIsRefusedWithTheReason() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.cloudnativepg.enabled", true,
                "postgresql.pooler.sharedServerRole", true))).hasMessageContaining("CloudNativePG's Pooler cannot");
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.pooler.enabled", false,
                "postgresql.pooler.sharedServerRole", true))).hasMessageContaining("sharedServerRole needs the chart's PgBouncer");
    }

    private static String ini(Manifests manifests) {
        return manifests.one(ConfigMap.class, "kubezap-pgbouncer").getData().get("pgbouncer.ini");
    }

    private static List<String> hba(Manifests manifests) {
        return manifests.one(ConfigMap.class, "kubezap-postgresql-config").getData().get("pg_hba.conf").lines().toList();
    }

    private List<EnvVar> migrationEnv(Map<String, Object> values) throws IOException {
        return chart.withHooksAsObjects(workDir).render(values).one(Job.class, "kubezap-migrate").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
    }

    private static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }
}
