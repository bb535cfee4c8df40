package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a platform team expects of an operator's chart: disruption budget and spread, user RBAC, helm test, metadata. */
class ChartOperationsTest {

    private static final String GATEWAY = "kubezap-gateway";
    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theGatewayKeepsAllButOneReplicaThroughDrainsAndSpreadsOverZonesAndNodes() {
        Manifests manifests = chart.render();
        Deployment gateway = manifests.one(Deployment.class, GATEWAY);
        PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class, GATEWAY);

        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(gateway.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(gateway.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .extracting(c -> c.getTopologyKey() + " " + c.getWhenUnsatisfiable())
                .containsExactly("topology.kubernetes.io/zone ScheduleAnyway", "kubernetes.io/hostname ScheduleAnyway");
        assertThat(gateway.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).allSatisfy(c ->
                assertThat(gateway.getSpec().getSelector().getMatchLabels()).isEqualTo(c.getLabelSelector().getMatchLabels()));
        assertThat(chart.render(Map.of("gateway.podDisruptionBudget.enabled", false)).all(PodDisruptionBudget.class))
                .noneMatch(pdb -> pdb.getMetadata().getName().equals(GATEWAY));
        assertThat(chart.render(Map.of("gateway.enabled", false)).all(PodDisruptionBudget.class))
                .noneMatch(pdb -> pdb.getMetadata().getName().equals(GATEWAY));
    }

    /**
     * Issue 53 item 11: a node drain evicts the operator's and the pooler's pods one at a time, and the single database
     * pod (issue 71: maxUnavailable 1, DatabaseDrainTest); each budget selects its own pods,
     * and the replicated ones spread over zones and nodes.
     */
    @Test
    void everyPlatformComponentHasADisruptionBudgetAndTheReplicatedOnesSpread() {
        Manifests manifests = chart.render(Map.of("postgresql.pooler.enabled", true));
        Map<String, PodTemplateSpec> pods = Map.of(
                "kubezap-operator", manifests.one(Deployment.class, "kubezap-operator").getSpec().getTemplate(),
                GATEWAY, manifests.one(Deployment.class, GATEWAY).getSpec().getTemplate(),
                "kubezap-pgbouncer", manifests.one(Deployment.class, "kubezap-pgbouncer").getSpec().getTemplate(),
                "kubezap-postgresql", manifests.one(StatefulSet.class).getSpec().getTemplate());

        assertThat(manifests.all(PodDisruptionBudget.class)).extracting(pdb -> pdb.getMetadata().getName()
                        + " " + pdb.getSpec().getMaxUnavailable().getIntVal())
                .containsExactlyInAnyOrder("kubezap-operator 1", GATEWAY + " 1", "kubezap-pgbouncer 1", "kubezap-postgresql 1");
        manifests.all(PodDisruptionBudget.class).forEach(pdb -> {
            String name = pdb.getMetadata().getName();
            assertThat(pods.get(name).getMetadata().getLabels()).as(name)
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            pods.forEach((other, pod) -> {
                if (!other.equals(name)) {
                    assertThat(pod.getMetadata().getLabels().entrySet()).as(name + " selects " + other)
                            .doesNotContainAnyElementsOf(pdb.getSpec().getSelector().getMatchLabels().entrySet().stream()
                                    .filter(label -> label.getKey().equals("app.kubernetes.io/name")).toList());
                }
            });
        });
        for (String replicated : List.of("kubezap-operator", "kubezap-pgbouncer")) {
            assertThat(pods.get(replicated).getSpec().getTopologySpreadConstraints()).as(replicated)
                    .extracting(c -> c.getTopologyKey() + " " + c.getWhenUnsatisfiable())
                    .containsExactly("topology.kubernetes.io/zone ScheduleAnyway", "kubernetes.io/hostname ScheduleAnyway");
            assertThat(pods.get(replicated).getSpec().getTopologySpreadConstraints()).allSatisfy(c -> assertThat(
                    pods.get(replicated).getMetadata().getLabels()).containsAllEntriesOf(c.getLabelSelector().getMatchLabels()));
        }
        assertThat(pods.get("kubezap-postgresql").getSpec().getTopologySpreadConstraints()).as("one instance").isEmpty();
        // the pooler off (postgresql.pooler.enabled: auto turns it on with the default budget; a small fleet fits without it)
        assertThat(chart.render(Map.of("operator.podDisruptionBudget.enabled", false, "postgresql.bundled.podDisruptionBudget.maxUnavailable", 0,
                        "postgresql.pooler.enabled", false, "operator.maxSessions", 100))
                .all(PodDisruptionBudget.class)).extracting(pdb -> pdb.getMetadata().getName() + " " + pdb.getSpec().getMaxUnavailable().getIntVal())
                .containsExactlyInAnyOrder(GATEWAY + " 1", "kubezap-postgresql 0");
    }

    @Test
    void eachComponentRunsAtThePriorityClassItIsGiven() {
        Manifests manifests = chart.render(Map.of("postgresql.pooler.enabled", true,
                "operator.priorityClassName", "platform-critical", "gateway.priorityClassName", "platform-high",
                "postgresql.bundled.priorityClassName", "database-critical", "postgresql.pooler.priorityClassName", "database-high"));

        assertThat(manifests.one(Deployment.class, "kubezap-operator").getSpec().getTemplate().getSpec().getPriorityClassName())
                .isEqualTo("platform-critical");
        assertThat(manifests.one(Deployment.class, GATEWAY).getSpec().getTemplate().getSpec().getPriorityClassName())
                .isEqualTo("platform-high");
        assertThat(manifests.one(StatefulSet.class).getSpec().getTemplate().getSpec().getPriorityClassName())
                .isEqualTo("database-critical");
        assertThat(manifests.one(Deployment.class, "kubezap-pgbouncer").getSpec().getTemplate().getSpec().getPriorityClassName())
                .isEqualTo("database-high");
        assertThat(chart.render(Map.of("postgresql.pooler.enabled", true)).all(Deployment.class))
                .allSatisfy(deployment -> assertThat(deployment.getSpec().getTemplate().getSpec().getPriorityClassName()).isNull());
    }

    @Test
    void namespaceUsersGetSessionRightsThroughKubernetesViewEditAndAdmin() {
        Manifests manifests = chart.render();
        ClusterRole view = manifests.one(ClusterRole.class, "kubezap-view");
        ClusterRole edit = manifests.one(ClusterRole.class, "kubezap-edit");

        assertThat(view.getMetadata().getLabels()).containsEntry(Manifests.AGGREGATE_TO_VIEW, "true")
                .containsEntry(Manifests.AGGREGATE_TO_EDIT, "true").containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
        assertThat(verbs(view)).as("view reads the sessions, not the messages they hold")
                .containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(edit.getMetadata().getLabels()).doesNotContainKey(Manifests.AGGREGATE_TO_VIEW)
                .containsEntry(Manifests.AGGREGATE_TO_EDIT, "true").containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
        assertThat(verbs(edit)).as("the gateway's own verbs, for ServiceAccount callers")
                .contains("create", "patch", "delete", "read-messages", "send", "manage");
        assertThat(edit.getRules()).allSatisfy(rule -> assertThat(rule.getResources()).containsExactly("whatsappsessions"));
        assertThat(chart.render(Map.of("aggregatedClusterRoles.enabled", false)).all(ClusterRole.class))
                .noneMatch(role -> role.getMetadata().getName().equals("kubezap-view"));
    }

    @Test
    void helmTestAsksTheOperatorAndTheGatewayWhetherTheyAreReady(@TempDir Path workDir) throws IOException {
        Manifests manifests = chart.withHooksAsObjects(workDir).render();
        Pod test = manifests.one(Pod.class, "kubezap-test-answers");

        String script = String.join("\n", test.getSpec().getContainers().getFirst().getCommand());
        for (Service service : List.of(manifests.one(Service.class, "kubezap-operator-metrics"), manifests.one(Service.class, GATEWAY))) {
            assertThat(script).contains("http://" + service.getMetadata().getName() + "." + KubezapChart.NAMESPACE + ":"
                    + managementPort(service) + "/q/health/ready");
        }
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(chart.render().all(Pod.class)).as("a hook: not part of the release's objects").isEmpty();
    }

    /** Health answers on the pods' management port, not their API port. */
    private static int managementPort(Service service) {
        return service.getSpec().getPorts().stream().filter(port -> "management".equals(port.getTargetPort().getStrVal()))
                .findFirst().orElseThrow().getPort();
    }

    @Test
    void theChartSaysWhereItComesFromForArtifactHub() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode metadata = yaml.readTree(chart.file("Chart.yaml").toFile());

        assertThat(metadata.path("home").asText()).startsWith("https://");
        assertThat(metadata.path("sources")).isNotEmpty();
        assertThat(metadata.path("icon").asText()).endsWith("docs/icon.svg");
        assertThat(Path.of("..", "docs", "icon.svg")).isRegularFile();
        JsonNode annotations = metadata.path("annotations");
        assertThat(annotations.path("artifacthub.io/operator").asText()).isEqualTo("true");
        assertThat(yaml.readTree(annotations.path("artifacthub.io/crds").asText()).get(0).path("name").asText())
                .isEqualTo("whatsappsessions.kubezap.io");
        assertThat(yaml.readTree(annotations.path("artifacthub.io/crdsExamples").asText()).get(0).path("kind").asText())
                .isEqualTo("WhatsAppSession");
        assertThat(yaml.readTree(annotations.path("artifacthub.io/links").asText())).isNotEmpty();
    }

    private static List<String> verbs(ClusterRole role) {
        return role.getRules().stream().map(PolicyRule::getVerbs).flatMap(List::stream).toList();
    }
}
