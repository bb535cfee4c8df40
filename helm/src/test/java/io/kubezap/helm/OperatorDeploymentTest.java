package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class OperatorDeploymentTest {

    /** The operator's configuration contract (BRIEF "Operator configuration", docs/operator-configuration.md). */
    private static final List<String> DOCUMENTED_OPERATOR_ENV = List.of(
            "KUBEZAP_SESSION_IMAGE", "KUBEZAP_SESSION_BAILEYS_IMAGE", "KUBEZAP_SESSION_IMAGE_PULL_POLICY", "KUBEZAP_DATABASE_SECRET",
            "KUBEZAP_DATABASE_URL_KEY", "KUBEZAP_DATABASE_USERNAME_KEY", "KUBEZAP_DATABASE_PASSWORD_KEY",
            "KUBEZAP_SESSION_DATABASE_POOL_MAX", "KUBEZAP_SESSION_DATABASE_POOL_MIN", "KUBEZAP_SESSION_DATABASE_QUOTA", "KUBEZAP_SESSION_STORAGE_MODE", "KUBEZAP_SESSION_PAIRING_CODES_IN_STATUS", "KUBEZAP_MAX_SESSIONS", "KUBEZAP_MAX_CONCURRENT_ROLLOUTS", "KUBEZAP_MAX_CONCURRENT_ROLLOUTS_TOTAL", "KUBEZAP_PAUSE_RECONCILIATION", "KUBEZAP_POLL_PAIRING_INTERVAL", "KUBEZAP_POLL_CONNECTED_INTERVAL",
            "KUBEZAP_POLL_BACKSTOP_INTERVAL", "KUBEZAP_POLL_MAX_IN_FLIGHT",
            "KUBEZAP_LOGOUT_TIMEOUT", "QUARKUS_OPERATOR_SDK_NAMESPACES", "QUARKUS_OPERATOR_SDK_LEADER_ELECTION_ENABLED",
            "QUARKUS_LOG_CONSOLE_JSON", "KUBEZAP_GATEWAY_NAMESPACE", "KUBEZAP_SESSION_POD_TEMPLATE",
            "KUBEZAP_HOST_DATABASE_POOL_MAX", "KUBEZAP_HOST_SESSIONS_PER_HOST", "KUBEZAP_HOST_CPU_REQUEST",
            "KUBEZAP_HOST_MEMORY_REQUEST", "KUBEZAP_HOST_MEMORY_LIMIT",
            "JDK_JAVA_OPTIONS", "MALLOC_ARENA_MAX");

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void defaultInstallConfiguresTheOperatorWithTheDocumentedDefaultsAndTheBundledDatabase() {
        Map<String, String> env = chart.render().operatorEnv();

        assertThat(env).containsOnly(
                entry("KUBEZAP_SESSION_IMAGE", "ghcr.io/kubezap/session-pod:0.2.0"),
                entry("KUBEZAP_SESSION_BAILEYS_IMAGE", "ghcr.io/kubezap/session-pod-baileys:0.2.0"),
                entry("KUBEZAP_SESSION_IMAGE_PULL_POLICY", "IfNotPresent"),
                entry("KUBEZAP_DATABASE_SECRET", "kubezap-postgresql"),
                entry("KUBEZAP_DATABASE_URL_KEY", "jdbc-uri"),
                entry("KUBEZAP_DATABASE_USERNAME_KEY", "username"),
                entry("KUBEZAP_DATABASE_PASSWORD_KEY", "password"),
                entry("KUBEZAP_SESSION_DATABASE_POOL_MAX", "3"),
                entry("KUBEZAP_SESSION_DATABASE_POOL_MIN", "1"),
                entry("KUBEZAP_SESSION_DATABASE_QUOTA", "4Gi"),
                entry("KUBEZAP_SESSION_STORAGE_MODE", "Volume"),
                entry("KUBEZAP_SESSION_PAIRING_CODES_IN_STATUS", "true"),
                entry("KUBEZAP_GATEWAY_NAMESPACE", KubezapChart.NAMESPACE + "-gateway-keys"),
                entry("KUBEZAP_HOST_DATABASE_POOL_MAX", "10"),
                entry("KUBEZAP_HOST_SESSIONS_PER_HOST", "100"),
                entry("KUBEZAP_HOST_CPU_REQUEST", "250m"),
                entry("KUBEZAP_HOST_MEMORY_REQUEST", "1Gi"),
                entry("KUBEZAP_HOST_MEMORY_LIMIT", "4Gi"),
                entry("KUBEZAP_MAX_SESSIONS", "500"),
                entry("KUBEZAP_MAX_CONCURRENT_ROLLOUTS", "10"),
                entry("KUBEZAP_MAX_CONCURRENT_ROLLOUTS_TOTAL", "50"),
                entry("KUBEZAP_PAUSE_RECONCILIATION", "false"),
                entry("KUBEZAP_POLL_PAIRING_INTERVAL", "2s"),
                entry("KUBEZAP_POLL_CONNECTED_INTERVAL", "30s"),
                entry("KUBEZAP_POLL_BACKSTOP_INTERVAL", "5m"),
                entry("KUBEZAP_POLL_MAX_IN_FLIGHT", "256"),
                entry("KUBEZAP_LOGOUT_TIMEOUT", "30s"),
                entry("QUARKUS_OPERATOR_SDK_LEADER_ELECTION_ENABLED", "true"),
                entry("QUARKUS_LOG_CONSOLE_JSON", "true"),
                entry("KUBEZAP_SESSION_POD_TEMPLATE", "{\"env\":[{\"name\":\"QUARKUS_LOG_CONSOLE_JSON\",\"value\":\"true\"}]}"),
                entry("JDK_JAVA_OPTIONS", "-XX:+UseSerialGC -XX:+UseStringDeduplication -XX:MaxMetaspaceSize=128m"
                        + " -XX:TieredStopAtLevel=1 -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
                        + " -XX:TrimNativeHeapInterval=10000 -Xmx92m"),
                entry("MALLOC_ARENA_MAX", "2"));
    }

    @Test
    void theFleetsRolloutCeilingAndPauseSwitchReachTheOperator() {
        assertThat(chart.render(Map.of("operator.maxConcurrentRolloutsTotal", 20, "operator.pauseReconciliation", true))
                .operatorEnv()).contains(
                entry("KUBEZAP_MAX_CONCURRENT_ROLLOUTS_TOTAL", "20"), entry("KUBEZAP_PAUSE_RECONCILIATION", "true"));
    }

    @Test
    void operatorSettingsFromValuesReachTheOperatorEnvironment() {
        Map<String, String> env = chart.render(Map.of(
                "session.image.repository", "registry.example.com/kubezap/session-pod",
                "session.image.tag", "0.2.0-rc1",
                "session.image.pullPolicy", "Always",
                "operator.maxSessions", 40,
                "operator.maxConcurrentRollouts", 3,
                "operator.poll.pairingInterval", "1s",
                "operator.poll.connectedInterval", "1m",
                "operator.logoutTimeout", "45s",
                "watchNamespaces[0]", "shop",
                "watchNamespaces[1]", "support")).operatorEnv();

        assertThat(env).contains(
                entry("KUBEZAP_SESSION_IMAGE", "registry.example.com/kubezap/session-pod:0.2.0-rc1"),
                entry("KUBEZAP_SESSION_IMAGE_PULL_POLICY", "Always"),
                entry("KUBEZAP_MAX_SESSIONS", "40"),
                entry("KUBEZAP_MAX_CONCURRENT_ROLLOUTS", "3"),
                entry("KUBEZAP_POLL_PAIRING_INTERVAL", "1s"),
                entry("KUBEZAP_POLL_CONNECTED_INTERVAL", "1m"),
                entry("KUBEZAP_LOGOUT_TIMEOUT", "45s"),
                entry("QUARKUS_OPERATOR_SDK_NAMESPACES", "shop,support"));
    }

    @Test
    void linkingCodesLeaveTheStatusOnlyWhenTheValueSaysSo() {
        assertThat(chart.render(Map.of("session.pairingCodesInStatus", false)).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_PAIRING_CODES_IN_STATUS", "false"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> chart.render(Map.of("session.pairingCodesInStatus", "no")))
                .hasMessageContaining("/session/pairingCodesInStatus");
    }

    @Test
    void theBackstopPollOfConnectedSessionsIsOneValue() {
        assertThat(chart.render(Map.of("operator.poll.backstopInterval", "10m")).operatorEnv())
                .contains(entry("KUBEZAP_POLL_BACKSTOP_INTERVAL", "10m"));
    }

    @Test
    void aFleetsStorageModeIsOneValueAndOnlyAKnownMode() {
        assertThat(chart.render(Map.of("session.storage.mode", "Database")).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_STORAGE_MODE", "Database"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> chart.render(Map.of("session.storage.mode", "Disk")))
                .hasMessageContaining("/session/storage/mode");
    }

    @Test
    void eachEnginesSessionImageReachesTheOperator() {
        Map<String, String> env = chart.render(Map.of(
                "session.image.repository", "registry.example.com/kubezap/session-pod",
                "session.baileysImage.repository", "registry.example.com/kubezap/session-pod-baileys",
                "session.baileysImage.tag", "0.2.0-rc2")).operatorEnv();

        assertThat(env).contains(
                entry("KUBEZAP_SESSION_IMAGE", "registry.example.com/kubezap/session-pod:0.2.0"),
                entry("KUBEZAP_SESSION_BAILEYS_IMAGE", "registry.example.com/kubezap/session-pod-baileys:0.2.0-rc2"));
    }

    /** Issue 53 item 15: JSON lines by default, for the operator, the gateway and every session pod; logging.json=false: text. */
    @Test
    void jsonLogsAreOneValueForTheOperatorTheGatewayAndTheSessionPodsOnByDefault() {
        Manifests manifests = chart.render();

        assertThat(manifests.operatorEnv()).contains(entry("QUARKUS_LOG_CONSOLE_JSON", "true"));
        assertThat(manifests.one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "kubezap-gateway").getSpec()
                .getTemplate().getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(variable -> assertThat(variable.getName() + "=" + variable.getValue())
                        .isEqualTo("QUARKUS_LOG_CONSOLE_JSON=true"));
        assertThat(manifests.operatorEnv().get("KUBEZAP_SESSION_POD_TEMPLATE")).contains("{\"name\":\"QUARKUS_LOG_CONSOLE_JSON\",\"value\":\"true\"}");
        Manifests text = chart.render(Map.of("logging.json", false));
        assertThat(text.operatorEnv()).doesNotContainKey("QUARKUS_LOG_CONSOLE_JSON").doesNotContainKey("KUBEZAP_SESSION_POD_TEMPLATE");
        assertThat(text.one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "kubezap-gateway").getSpec()
                .getTemplate().getSpec().getContainers().getFirst().getEnv())
                .noneSatisfy(variable -> assertThat(variable.getName()).isEqualTo("QUARKUS_LOG_CONSOLE_JSON"));
    }

    @Test
    void theMediaUrlAllowListIsTheClusterAdminsAndReachesTheOperator() {
        assertThat(chart.render(Map.of("session.mediaUrlAllowList[0]", "10.20.0.0/16",
                "session.mediaUrlAllowList[1]", "files.internal.example")).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_MEDIA_URL_ALLOW_LIST", "10.20.0.0/16,files.internal.example"));
        assertThat(chart.render(Map.of("session.webhookDenyList[0]", "10.96.0.0/12")).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_WEBHOOK_DENY_LIST", "10.96.0.0/12"));
    }

    @Test
    void aWhatsAppWebVersionForEverySessionReachesTheOperatorOnlyWhenSet() {
        assertThat(chart.render(Map.of("session.waVersion", "2.3000.1030000001")).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_WA_VERSION", "2.3000.1030000001"));
        assertThat(chart.render(Map.of()).operatorEnv()).doesNotContainKey("KUBEZAP_SESSION_WA_VERSION");
    }

    @Test
    void aKmsKeyForTheSessionsDataKeysReachesTheOperatorOnlyWhenSetAndAWrongOneIsRefused() {
        var key = "arn:aws:kms:eu-west-1:111122223333:alias/kubezap";
        assertThat(chart.render(Map.of("session.keyWrapping.kmsKey", key,
                "session.keyWrapping.kmsEndpoint", "https://vpce-1.kms.eu-west-1.vpce.amazonaws.com")).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_KEY_WRAPPING_KMS_KEY", key),
                        entry("KUBEZAP_SESSION_KEY_WRAPPING_KMS_ENDPOINT", "https://vpce-1.kms.eu-west-1.vpce.amazonaws.com"));
        assertThat(chart.render(Map.of()).operatorEnv()).doesNotContainKeys("KUBEZAP_SESSION_KEY_WRAPPING_KMS_KEY",
                "KUBEZAP_SESSION_KEY_WRAPPING_KMS_ENDPOINT");
        assertThatThrownBy(() -> chart.render(Map.of("session.keyWrapping.kmsKey", "my key"))).hasMessageContaining("kmsKey");

        var moving = key + ",arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertThat(chart.render(Map.of("session.keyWrapping.kmsKey", moving)).operatorEnv())
                .contains(entry("KUBEZAP_SESSION_KEY_WRAPPING_KMS_KEY", moving));
        assertThatThrownBy(() -> chart.render(Map.of("session.keyWrapping.kmsKey", key + ",,alias/x"))).hasMessageContaining("kmsKey");
    }

    @Test
    void thePollsInFlightAreSetFromValues() {
        assertThat(chart.render(Map.of("operator.poll.maxInFlight", 64)).operatorEnv())
                .contains(entry("KUBEZAP_POLL_MAX_IN_FLIGHT", "64"));
    }

    @Test
    void everyOperatorSettingTheChartPassesIsPartOfTheDocumentedConfiguration() {
        Map<String, String> env = chart.render(Map.of("watchNamespaces[0]", "shop", "logging.json", true)).operatorEnv();

        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(DOCUMENTED_OPERATOR_ENV);
    }

    @Test
    void operatorRunsAsConfiguredReplicasWithHealthProbesOnItsManagementPort() {
        Deployment deployment = chart.render(Map.of("operator.replicas", 3)).one(Deployment.class, "kubezap-operator");
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/kubezap/operator:0.2.0");
        assertThat(operator.getPorts()).extracting(port -> port.getName() + "=" + port.getContainerPort())
                .containsExactly("http=8080", "management=9000");
        assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("320Mi"));
    }

    @Test
    void operatorPodMeetsTheRestrictedPodSecurityStandard() {
        Deployment deployment = chart.render().one(Deployment.class, "kubezap-operator");
        var pod = deployment.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst().getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void operatorRunsUnderTheChartsServiceAccount() {
        Manifests manifests = chart.render();

        assertThat(manifests.one(Deployment.class, "kubezap-operator").getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(manifests.one(ServiceAccount.class).getMetadata().getName())
                .isEqualTo("kubezap-operator");
    }
}
