package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The PodMonitor, the gateway's ServiceMonitor, the PrometheusRule and the Grafana dashboard the chart renders. */
class MonitoringChartTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void withoutThePrometheusOperatorsCrdsNoMonitorIsRenderedButTheDashboardIs() {
        Manifests manifests = chart.render();

        assertThat(manifests.all(GenericKubernetesResource.class)).as("auto, and helm template serves no monitoring.coreos.com/v1")
                .isEmpty();
        assertThat(manifests.one(ConfigMap.class, "kubezap-dashboard").getMetadata().getLabels())
                .containsEntry("grafana_dashboard", "1");
    }

    @Test
    void monitoringOffRendersNothingOfIt() {
        Manifests manifests = chart.render(Map.of("monitoring.enabled", false, "monitoring.dashboard.enabled", false));

        assertThat(manifests.all(GenericKubernetesResource.class)).isEmpty();
        assertThat(manifests.all(ConfigMap.class)).noneMatch(map -> map.getMetadata().getName().endsWith("dashboard"));
    }

    @Test
    void thePodMonitorScrapesEverySessionPodLabelledWithItsSessionAndKeepsOnlyTheSeriesOperatorsNeed() {
        GenericKubernetesResource monitor = monitors(Map.of("monitoring.enabled", true, "monitoring.labels.release", "prometheus"))
                .get("PodMonitor");

        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "kubezap-session", "app.kubernetes.io/managed-by", "kubezap-operator"));
        assertThat(monitor.<Boolean>get("spec", "namespaceSelector", "any")).isTrue();
        Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "podMetricsEndpoints").getFirst();
        // the container port the operator gives every session pod (operator SessionObjects.MANAGEMENT_PORT_NAME)
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/q/metrics");
        assertThat(endpoint.get("relabelings")).asList().singleElement().isEqualTo(Map.of(
                "sourceLabels", List.of("__meta_kubernetes_pod_label_app_kubernetes_io_instance"), "targetLabel", "session"));
        @SuppressWarnings("unchecked")
        Map<String, Object> keep = ((List<Map<String, Object>>) endpoint.get("metricRelabelings")).getFirst();
        assertThat(keep).containsEntry("action", "keep");
        String regex = "^(" + keep.get("regex") + ")$";
        assertThat(List.of("kubezap_session_phase", "kubezap_webhook_attempts_total", "kubezap_send_latency_seconds_bucket"))
                .allMatch(name -> name.matches(regex));
        assertThat(List.of("http_server_requests_seconds_bucket", "jvm_threads_states_threads", "agroal_active_count"))
                .noneMatch(name -> name.matches(regex));
    }

    @Test
    void withWatchedNamespacesThePodMonitorLooksOnlyThere() {
        GenericKubernetesResource monitor = monitors(Map.of("monitoring.enabled", true,
                "watchNamespaces[0]", "shop", "watchNamespaces[1]", "support")).get("PodMonitor");

        assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames")).containsExactly("shop", "support");
    }

    @Test
    void theGatewaysServiceMonitorSelectsItsServiceByAPortItHas() {
        Manifests manifests = chart.render(Map.of("monitoring.enabled", true));
        GenericKubernetesResource monitor = kinds(manifests).get("ServiceMonitor");
        Service gateway = manifests.one(Service.class, "kubezap-gateway");

        assertThat(gateway.getMetadata().getLabels()).containsAllEntriesOf(monitor.get("spec", "selector", "matchLabels"));
        String port = (String) monitor.<List<Map<String, Object>>>get("spec", "endpoints").getFirst().get("port");
        assertThat(gateway.getSpec().getPorts()).anyMatch(p -> p.getName().equals(port));
        assertThat(kinds(chart.render(Map.of("monitoring.enabled", true, "gateway.enabled", false))))
                .doesNotContainKey("ServiceMonitor");
    }

    @Test
    void theOperatorAndTheGatewayAreProbedAndScrapedOnTheirManagementPortNotTheirApiPort() {
        Manifests manifests = chart.render(Map.of("monitoring.enabled", true));

        for (Deployment deployment : manifests.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().matches("kubezap-(operator|gateway)")).toList()) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getPorts()).as(deployment.getMetadata().getName())
                    .extracting(p -> p.getName() + "=" + p.getContainerPort()).containsExactly("http=8080", "management=9000");
            assertThat(List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                    .as(deployment.getMetadata().getName())
                    .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        }
        assertThat(manifests.one(Service.class, "kubezap-gateway").getSpec().getPorts())
                .anySatisfy(port -> {
                    assertThat(port.getName()).isEqualTo("management");
                    assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
                });
    }

    @Test
    void thePrometheusRuleCarriesTheTestedRuleFileAsItIs() throws IOException {
        GenericKubernetesResource rule = monitors(Map.of("monitoring.enabled", true)).get("PrometheusRule");

        JsonNode shipped = YAML.readTree(Files.readString(chart.file("files/prometheus-rules.yaml")));
        assertThat(YAML.valueToTree(rule.getAdditionalProperties().get("spec")).path("groups"))
                .isEqualTo(shipped.path("groups"));
    }

    /** Every alert has its runbook section, and its runbook_url points at it. */
    @Test
    void everyAlertHasARunbookSection() throws IOException {
        String runbooks = Files.readString(Path.of("..", "docs", "runbooks.md"));
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(24).allSatisfy(alert -> {
            String name = alert.path("alert").asText();
            assertThat(runbooks).contains("\n## " + name + "\n");
            assertThat(alert.path("annotations").path("runbook_url").asText())
                    .endsWith("/docs/runbooks.md#" + name.toLowerCase());
        });
    }

    /**
     * Every alert says whom it pages, for Alertmanager to route on: scope tenant ones carry the session's namespace
     * (route them to the namespace's owner), scope platform ones go to the team running kubezap.
     */
    @Test
    void everyAlertSaysWhomItPagesAndATenantsAlertNamesItsNamespace() throws IOException {
        List<JsonNode> alerts = alerts();
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.path("labels").path("scope").asText())
                .as(alert.path("alert").asText()).isIn("tenant", "platform"));
        assertThat(alerts).filteredOn(alert -> alert.path("labels").path("scope").asText().equals("tenant"))
                .extracting(alert -> alert.path("alert").asText())
                .containsExactlyInAnyOrder("KubezapSessionDisconnected", "KubezapSessionLoggedOut", "KubezapSessionFailed",
                        "KubezapSessionPairingNotCompleted", "KubezapOutboundQueueStuck", "KubezapWebhookDeliveriesFailing",
                        "KubezapWebhookBacklogGrowing", "KubezapSessionVolumeFilling", "KubezapSessionReachoutTimelocked",
                        "KubezapSessionNewChatQuotaExhausted", "KubezapSinkEventsDeadLettered");
    }

    /** The alerting rules of the shipped rule file (its recording rules left out). */
    private List<JsonNode> alerts() throws IOException {
        JsonNode groups = YAML.readTree(Files.readString(chart.file("files/prometheus-rules.yaml"))).path("groups");
        return StreamSupport.stream(groups.spliterator(), false)
                .flatMap(group -> StreamSupport.stream(group.path("rules").spliterator(), false))
                .filter(rule -> rule.has("alert")).toList();
    }

    @Test
    void theDashboardConfigMapHoldsTheDashboardWhereTheSidecarLooks() throws IOException {
        ConfigMap dashboard = chart.render(Map.of("monitoring.dashboard.namespace", "grafana"))
                .one(ConfigMap.class, "kubezap-dashboard");

        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("grafana");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("kubezap.json"));
        assertThat(json).isEqualTo(new ObjectMapper().readTree(Files.readString(chart.file("files/grafana-dashboard.json"))));
    }

    private Map<String, GenericKubernetesResource> monitors(Map<String, Object> values) {
        return kinds(chart.render(values));
    }

    private static Map<String, GenericKubernetesResource> kinds(Manifests manifests) {
        return manifests.all(GenericKubernetesResource.class).stream()
                .filter(object -> !object.getMetadata().getName().equals("kubezap-operator"))
                .collect(java.util.stream.Collectors.toMap(GenericKubernetesResource::getKind, object -> object));
    }

}
