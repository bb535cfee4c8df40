package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BundledPostgresqlTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void defaultInstallBundlesAPostgresqlWithStorageAndAGeneratedPassword() {
        Manifests manifests = chart.render();
        StatefulSet database = manifests.one(StatefulSet.class);
        Secret credentials = manifests.one(Secret.class);

        assertThat(database.getMetadata().getName()).isEqualTo("kubezap-postgresql");
        assertThat(database.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim ->
                assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("8Gi"));
        assertThat(manifests.one(Service.class, "kubezap-postgresql").getSpec().getPorts())
                .singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(5432));
        assertThat(credentials.getMetadata().getName()).isEqualTo("kubezap-postgresql");
        assertThat(credentials.getStringData())
                .containsEntry("username", "kubezap")
                .containsEntry("jdbc-uri", "jdbc:postgresql://kubezap-postgresql.kubezap-system.svc:5432/kubezap")
                .hasEntrySatisfying("password", password -> assertThat(password).hasSize(32).isAlphanumeric());
    }

    @Test
    void postgresqlTakesItsPasswordFromTheSecretOnly() {
        StatefulSet database = chart.render().one(StatefulSet.class);
        var env = database.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();

        assertThat(env).filteredOn(var -> var.getName().equals("POSTGRES_PASSWORD")).singleElement().satisfies(var -> {
            assertThat(var.getValue()).isNull();
            assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("kubezap-postgresql");
            assertThat(var.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
    }

    @Test
    void upgradeKeepsThePasswordTheDatabaseWasInitialisedWith() {
        String namespace = "already-installed";
        chart.cluster().add(new SecretBuilder().withNewMetadata().withName("kubezap-postgresql").withNamespace(namespace)
                .endMetadata().addToData("password", base64("s3cret-from-first-install")).build());

        Secret credentials = chart.render(command -> command.withNamespace(namespace)).one(Secret.class);

        assertThat(credentials.getStringData()).containsEntry("password", "s3cret-from-first-install");
    }

    @Test
    void eachFirstInstallGeneratesItsOwnPassword() {
        String first = chart.render().one(Secret.class).getStringData().get("password");
        String second = chart.render().one(Secret.class).getStringData().get("password");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theAdminCredentialStaysInTheReleaseNamespaceEvenWhenSessionsRunElsewhere() {
        Manifests manifests = chart.render(chart.file("ci/namespaced-values.yaml"));

        assertThat(manifests.allButGateways(Secret.class)).singleElement().satisfies(secret -> {
            assertThat(secret.getMetadata().getName()).isEqualTo("kubezap-postgresql");
            assertThat(secret.getMetadata().getNamespace()).isEqualTo(KubezapChart.NAMESPACE);
        });
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOneForDatabaseAndOperator() {
        // PgBouncer's login is written from the generated Secret: with one's own, a fleet small enough to reach the
        // server directly (DatabaseBudgetTest)
        Manifests manifests = chart.render(Map.of("postgresql.bundled.existingSecret", "pg-from-vault", "operator.maxSessions", 100));
        var databaseEnv = manifests.one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();

        assertThat(manifests.allButGateways(Secret.class)).isEmpty();
        assertThat(databaseEnv).filteredOn(var -> var.getValueFrom() != null)
                .extracting(var -> var.getValueFrom().getSecretKeyRef().getName())
                .containsOnly("pg-from-vault");
        assertThat(manifests.operatorEnv()).containsEntry("KUBEZAP_DATABASE_SECRET", "pg-from-vault");
    }

    @Test
    void externalDatabaseModeDeploysNoPostgresqlAndPointsTheOperatorAtTheUsersSecret() {
        Manifests manifests = chart.render(chart.file("ci/external-postgresql-values.yaml"));

        assertThat(manifests.all(StatefulSet.class)).isEmpty();
        assertThat(manifests.allButGateways(Secret.class)).isEmpty();
        assertThat(manifests.allButGateways(Service.class)).extracting(service -> service.getMetadata().getName())
                .containsExactly("kubezap-operator-metrics");
        assertThat(manifests.operatorEnv()).containsEntry("KUBEZAP_DATABASE_SECRET", "kubezap-db-app")
                .containsEntry("KUBEZAP_DATABASE_URL_KEY", "jdbc-uri");
    }

    @Test
    void externalSecretKeysCanBeRenamed() {
        Manifests manifests = chart.render(Map.of(
                "postgresql.bundled.enabled", false,
                "postgresql.external.secretName", "pg-credentials",
                "postgresql.external.keys.jdbcUri", "url",
                "postgresql.external.keys.username", "user",
                "postgresql.external.keys.password", "pass"));

        assertThat(manifests.operatorEnv())
                .containsEntry("KUBEZAP_DATABASE_SECRET", "pg-credentials")
                .containsEntry("KUBEZAP_DATABASE_URL_KEY", "url")
                .containsEntry("KUBEZAP_DATABASE_USERNAME_KEY", "user")
                .containsEntry("KUBEZAP_DATABASE_PASSWORD_KEY", "pass");
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Issue 79, S1 and S3: the superuser's bootstrap at initdb, and pg_hba at every start (TenantHbaTest tries it). */
    @Test
    void theServerRunsTheChartsBootstrapOnceAndItsPgHbaAlways() throws java.io.IOException {
        Manifests manifests = chart.render();
        io.fabric8.kubernetes.api.model.ConfigMap config = manifests.one(io.fabric8.kubernetes.api.model.ConfigMap.class,
                "kubezap-postgresql-config");
        var pod = manifests.one(StatefulSet.class).getSpec().getTemplate();
        var container = pod.getSpec().getContainers().getFirst();

        assertThat(config.getData().get("bootstrap.sql"))
                .isEqualTo(java.nio.file.Files.readString(chart.file("files/database-bootstrap.sql")));
        assertThat(config.getData().get("pg_hba.conf").lines().filter(line -> !line.startsWith("#")).limit(2))
                .containsExactly("host \"kubezap\" +kubezap_session all scram-sha-256", "host all +kubezap_session all reject");
        assertThat(container.getArgs()).containsSubsequence("-c", "hba_file=/etc/kubezap/postgresql/pg_hba.conf");
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/docker-entrypoint-initdb.d");
            assertThat(pod.getSpec().getVolumes()).filteredOn(volume -> volume.getName().equals(mount.getName()))
                    .singleElement().satisfies(volume -> assertThat(volume.getConfigMap().getItems())
                            .singleElement().satisfies(item -> assertThat(item.getKey()).isEqualTo("bootstrap.sql")));
        });
        assertThat(pod.getMetadata().getAnnotations()).as("a changed pg_hba restarts the server").containsKey("checksum/config");
    }
}
