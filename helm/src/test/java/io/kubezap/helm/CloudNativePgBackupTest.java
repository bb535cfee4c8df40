package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 71 item 6, the CloudNativePG path: backups with WAL archiving through the Barman Cloud plugin (ObjectStore, the
 * Cluster's WAL archiver, a ScheduledBackup), a Cluster bootstrapped from them (the restore drill,
 * docs/restore-drill.md), and the monitors and labels the database alerts need. No CloudNativePG controller or CRD
 * runs here: these are the manifests as rendered, with the field names of CloudNativePG's and the plugin's docs.
 */
class CloudNativePgBackupTest {

    private static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void backupsArchiveTheWalAndTakeABaseBackupOnSchedule() {
        Manifests manifests = chart.render(backup(Map.of()));

        GenericKubernetesResource store = one(manifests, "ObjectStore");
        assertThat(store.getApiVersion()).isEqualTo("barmancloud.cnpg.io/v1");
        assertThat(store.getMetadata().getName()).isEqualTo("kubezap-db-backups");
        assertThat(store.<String>get("spec", "retentionPolicy")).isEqualTo("30d");
        assertThat(store.<String>get("spec", "configuration", "destinationPath")).isEqualTo("s3://kubezap-backups/");
        assertThat(store.<Map<String, Object>>get("spec", "configuration", "s3Credentials")).isEqualTo(Map.of(
                "accessKeyId", Map.of("name", "backup-credentials", "key", "ACCESS_KEY_ID"),
                "secretAccessKey", Map.of("name", "backup-credentials", "key", "ACCESS_SECRET_KEY")));
        assertThat(store.<String>get("spec", "configuration", "wal", "compression")).isEqualTo("gzip");

        GenericKubernetesResource cluster = one(manifests, "Cluster");
        assertThat(cluster.<List<Map<String, Object>>>get("spec", "plugins")).singleElement().isEqualTo(Map.of(
                "name", PLUGIN, "isWALArchiver", true,
                "parameters", Map.of("barmanObjectName", "kubezap-db-backups", "serverName", "kubezap-db")));
        assertThat(cluster.<Map<String, Object>>get("spec", "bootstrap")).containsOnlyKeys("initdb");

        GenericKubernetesResource schedule = one(manifests, "ScheduledBackup");
        assertThat(schedule.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(schedule.<String>get("spec", "schedule")).as("CloudNativePG's cron has seconds first").isEqualTo("0 0 2 * * *");
        assertThat(schedule.<String>get("spec", "method")).isEqualTo("plugin");
        assertThat(schedule.<String>get("spec", "pluginConfiguration", "name")).isEqualTo(PLUGIN);
        assertThat(schedule.<String>get("spec", "cluster", "name")).isEqualTo("kubezap-db");
    }

    @Test
    void withoutBackupsNothingIsArchived() {
        Manifests manifests = chart.render(Map.of("postgresql.cloudnativepg.enabled", true));

        assertThat(kinds(manifests)).doesNotContain("ObjectStore", "ScheduledBackup");
        assertThat(one(manifests, "Cluster").<Object>get("spec", "plugins")).isNull();
    }

    @Test
    void backupsNeedAnObjectStoreAndItsCredentials() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.cloudnativepg.enabled", true,
                "postgresql.cloudnativepg.backup.enabled", true)))
                .hasMessageContaining("postgresql.cloudnativepg.backup.destinationPath is required");
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.cloudnativepg.enabled", true,
                "postgresql.cloudnativepg.backup.enabled", true, "postgresql.cloudnativepg.backup.destinationPath", "s3://b/")))
                .hasMessageContaining("s3Credentials.secretName");
    }

    @Test
    void aRestoredClusterStartsFromTheBackupToAPointInTimeAndArchivesUnderANewName() {
        Manifests manifests = chart.render(backup(Map.of("postgresql.cloudnativepg.recovery.enabled", true,
                "postgresql.cloudnativepg.recovery.sourceServerName", "kubezap-db",
                "postgresql.cloudnativepg.recovery.targetTime", "2026-11-26T10:00:00Z",
                "postgresql.cloudnativepg.backup.serverName", "kubezap-db-restored")));

        GenericKubernetesResource cluster = one(manifests, "Cluster");
        assertThat(cluster.<Map<String, Object>>get("spec", "bootstrap")).as("recovery instead of an empty database")
                .containsOnlyKeys("recovery");
        assertThat(cluster.<Map<String, Object>>get("spec", "bootstrap", "recovery")).isEqualTo(Map.of(
                "source", "origin", "database", "kubezap", "owner", "kubezap",
                "recoveryTarget", Map.of("targetTime", "2026-11-26T10:00:00Z")));
        assertThat(cluster.<List<Map<String, Object>>>get("spec", "externalClusters")).singleElement().isEqualTo(Map.of(
                "name", "origin", "plugin", Map.of("name", PLUGIN,
                        "parameters", Map.of("barmanObjectName", "kubezap-db-backups", "serverName", "kubezap-db"))));
        assertThat(cluster.<String>get("spec", "plugins", 0, "parameters", "serverName")).isEqualTo("kubezap-db-restored");
        assertThat(cluster.<List<Map<String, Object>>>get("spec", "managed", "roles")).as("the owner's role is still managed")
                .extracting(role -> role.get("name")).containsExactly("kubezap");
    }

    @Test
    void aRestoreThatWouldArchiveIntoItsOwnSourceIsRefused() {
        assertThatThrownBy(() -> chart.render(backup(Map.of("postgresql.cloudnativepg.recovery.enabled", true,
                "postgresql.cloudnativepg.recovery.sourceServerName", "kubezap-db"))))
                .hasMessageContaining("would archive its WAL as \"kubezap-db\", the server it recovers from")
                .hasMessageContaining("postgresql.cloudnativepg.backup.serverName");
        assertThatThrownBy(() -> chart.render(backup(Map.of("postgresql.cloudnativepg.recovery.enabled", true))))
                .hasMessageContaining("recovery.sourceServerName");
    }

    @Test
    void theInstancesAndPgBouncersAreScrapedAndLabelledForTheDatabaseAlerts() {
        Manifests manifests = chart.render(Map.of("postgresql.cloudnativepg.enabled", true, "monitoring.enabled", true,
                "monitoring.labels.release", "prometheus"));

        assertThat(one(manifests, "Cluster").<Map<String, String>>get("spec", "inheritedMetadata", "labels"))
                .as("what kubezap:pod_info counts as the database")
                .containsEntry("app.kubernetes.io/part-of", "kubezap").containsEntry("app.kubernetes.io/component", "database");
        List<GenericKubernetesResource> monitors = all(manifests, "PodMonitor").stream()
                .filter(m -> m.getMetadata().getName().startsWith("kubezap-db")).toList();
        assertThat(monitors).extracting(m -> m.<Map<String, String>>get("spec", "selector", "matchLabels"))
                .containsExactlyInAnyOrder(Map.of("cnpg.io/cluster", "kubezap-db", "cnpg.io/podRole", "instance"),
                        Map.of("cnpg.io/poolerName", "kubezap-db-pooler"));
        assertThat(monitors).allSatisfy(m -> {
            assertThat(m.<String>get("spec", "podMetricsEndpoints", 0, "port")).isEqualTo("metrics");
            assertThat(m.getMetadata().getLabels()).containsEntry("release", "prometheus");
        });
        GenericKubernetesResource rules = all(manifests, "PrometheusRule").stream()
                .filter(r -> r.getMetadata().getName().equals("kubezap-cloudnativepg")).findFirst().orElseThrow();
        assertThat(rules.<List<Map<String, Object>>>get("spec", "groups", 0, "rules")).extracting(rule -> rule.get("alert"))
                .contains("KubezapPoolerClientsWaiting", "KubezapDatabaseWalArchivingFailing");

        Manifests bundled = chart.render(Map.of("monitoring.enabled", true));
        assertThat(all(bundled, "PrometheusRule")).noneMatch(r -> r.getMetadata().getName().equals("kubezap-cloudnativepg"));
    }

    private static Map<String, Object> backup(Map<String, Object> more) {
        Map<String, Object> values = new HashMap<>(Map.of("postgresql.cloudnativepg.enabled", true,
                "postgresql.cloudnativepg.backup.enabled", true,
                "postgresql.cloudnativepg.backup.destinationPath", "s3://kubezap-backups/",
                "postgresql.cloudnativepg.backup.s3Credentials.secretName", "backup-credentials"));
        values.putAll(more);
        return values;
    }

    private static List<GenericKubernetesResource> all(Manifests manifests, String kind) {
        return manifests.all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    private static List<String> kinds(Manifests manifests) {
        return manifests.all(GenericKubernetesResource.class).stream().map(GenericKubernetesResource::getKind).toList();
    }

    private static GenericKubernetesResource one(Manifests manifests, String kind) {
        List<GenericKubernetesResource> found = all(manifests, kind);
        assertThat(found).as(kind).hasSize(1);
        return found.getFirst();
    }
}
