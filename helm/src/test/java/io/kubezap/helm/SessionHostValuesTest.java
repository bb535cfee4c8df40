package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Issue 81 (decision record 0021): the chart's values for session hosts reach the operator (its {@code kubezap.host.*}
 * settings), the connection budget counts the hosts' pools (host.maxHosts × (host.databasePoolMax + 1), as each
 * namespace role's CONNECTION LIMIT does), and the schema refuses what the operator could not use.
 */
class SessionHostValuesTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theHostValuesReachTheOperatorsEnvironment() {
        assertThat(chart.render().operatorEnv()).contains(entry("KUBEZAP_HOST_DATABASE_POOL_MAX", "10"),
                entry("KUBEZAP_HOST_SESSIONS_PER_HOST", "100"), entry("KUBEZAP_HOST_CPU_REQUEST", "250m"),
                entry("KUBEZAP_HOST_MEMORY_REQUEST", "1Gi"), entry("KUBEZAP_HOST_MEMORY_LIMIT", "4Gi"));

        assertThat(chart.render(Map.of("host.databasePoolMax", 6, "host.sessionsPerHost", 40,
                "host.resources.requests.cpu", "100m", "host.resources.requests.memory", "512Mi",
                "host.resources.limits.memory", "2Gi")).operatorEnv())
                .contains(entry("KUBEZAP_HOST_DATABASE_POOL_MAX", "6"), entry("KUBEZAP_HOST_SESSIONS_PER_HOST", "40"),
                        entry("KUBEZAP_HOST_CPU_REQUEST", "100m"), entry("KUBEZAP_HOST_MEMORY_REQUEST", "512Mi"),
                        entry("KUBEZAP_HOST_MEMORY_LIMIT", "2Gi"));
    }

    @Test
    void theDirectBudgetHoldsEachHostsPoolBesideTheSessionPods() {
        Manifests hosted = chart.render(Map.of("operator.maxSessions", 100, "host.maxHosts", 5));
        assertThat(postgresArgs(hosted)).containsExactly("-c", "max_connections=468"); // 100 × (3 + 1) + 5 × (10 + 1) + 10 + 3

        assertThatThrownBy(() -> chart.render(Map.of("operator.maxSessions", 100, "host.maxHosts", 5,
                "postgresql.bundled.maxConnections", 413)))
                .hasMessageContaining("postgresql.bundled.maxConnections=413 cannot hold the connection budget")
                .hasMessageContaining("+ host.maxHosts (5) × (host.databasePoolMax (10) + 1) + database.reservedConnections (10) + 3 superuser-reserved = 468");
    }

    @Test
    void thePoolerTakesEveryHostsPoolAsClients() {
        Manifests hosted = chart.render(Map.of("operator.maxSessions", 10_000, "host.maxHosts", 100, "host.databasePoolMax", 20));
        assertThat(hosted.one(ConfigMap.class, "kubezap-pgbouncer").getData().get("pgbouncer.ini"))
                .contains("max_client_conn = 42110"); // 10,000 × 4 + 100 × 21 + the reserve
        assertThat(postgresArgs(hosted)).containsExactly("-c", "max_connections=63");
    }

    @Test
    void valuesTheOperatorCannotUseAreRefused() {
        Map<Map<String, Object>, String> refused = Map.of(
                Map.of("host.sessionsPerHost", 0), "minimum: got 0, want 1",
                Map.of("host.sessionsPerHost", 501), "maximum: got 501, want 500",
                Map.of("host.databasePoolMax", 0), "minimum: got 0, want 1",
                Map.of("host.maxHosts", -1), "minimum: got -1, want 0",
                Map.of("host.resources.requests.cpu", "a lot"), "/host/resources/requests/cpu",
                Map.of("host.resources.limits.memory", "4 GB"), "/host/resources/limits/memory",
                Map.of("host.resources.limits.cpu", "2"), "/host/resources/limits");
        refused.forEach((values, message) -> assertThatThrownBy(() -> chart.render(values)).as(values.toString())
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message));
    }

    private static List<String> postgresArgs(Manifests manifests) {
        return manifests.one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().subList(0, 2);
    }
}
