package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorMetricsTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void metricsServiceSelectsTheOperatorPodsOnTheirManagementPort() {
        Manifests manifests = chart.render();
        Service metrics = manifests.one(Service.class, "kubezap-operator-metrics");

        assertThat(manifests.one(Deployment.class, "kubezap-operator").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(metrics.getSpec().getSelector());
        assertThat(metrics.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(9000);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
        });
        assertThat(manifests.all(GenericKubernetesResource.class)).as("no ServiceMonitor by default").isEmpty();
    }

    @Test
    void serviceMonitorScrapesQuarkusMetricsWhenEnabled() {
        GenericKubernetesResource monitor = chart.render(chart.file("ci/bundled-postgresql-values.yaml"))
                .one(GenericKubernetesResource.class);

        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(monitor.<List<Map<String, Object>>>get("spec", "endpoints")).singleElement()
                .satisfies(endpoint -> assertThat(endpoint)
                        .containsEntry("port", "http-metrics")
                        .containsEntry("path", "/q/metrics"));
    }

    /**
     * Issue 53 item 6: the switch that renders the alerts and the dashboard also has the operator scraped, else its
     * alert could never fire and the dashboard's sessions by phase stayed empty.
     */
    @Test
    void monitoringOnHasTheOperatorScrapedWithTheMonitoringLabels() {
        Manifests manifests = chart.render(Map.of("monitoring.enabled", true, "monitoring.labels.release", "prometheus"));

        assertThat(manifests.all(GenericKubernetesResource.class)).filteredOn(r -> r.getKind().equals("ServiceMonitor"))
                .extracting(r -> r.getMetadata().getName()).contains("kubezap-operator");
        GenericKubernetesResource operator = manifests.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("ServiceMonitor") && r.getMetadata().getName().equals("kubezap-operator"))
                .findFirst().orElseThrow();
        assertThat(operator.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(chart.render(Map.of("monitoring.enabled", true, "metrics.serviceMonitor.enabled", false))
                .all(GenericKubernetesResource.class)).noneMatch(r -> r.getMetadata().getName().equals("kubezap-operator"));
    }

    /**
     * The platform alerts find the operator's and the gateway's targets by the pods' part-of and component labels,
     * which the ServiceMonitors copy onto every series (up included), and the pods carry.
     */
    @Test
    void theServiceMonitorsLabelTheirSeriesWithThePodsPartOfAndComponent() {
        Manifests manifests = chart.render(Map.of("monitoring.enabled", true));

        for (String component : List.of("operator", "gateway")) {
            GenericKubernetesResource monitor = manifests.all(GenericKubernetesResource.class).stream()
                    .filter(r -> r.getKind().equals("ServiceMonitor") && r.getMetadata().getName().equals("kubezap-" + component))
                    .findFirst().orElseThrow();
            assertThat(monitor.<List<String>>get("spec", "podTargetLabels"))
                    .containsExactly("app.kubernetes.io/part-of", "app.kubernetes.io/component");
            assertThat(manifests.one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "kubezap-" + component)
                    .getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/part-of", "kubezap").containsEntry("app.kubernetes.io/component", component);
        }
    }

    @Test
    void serviceMonitorWithoutTheMetricsServiceIsExplained() {
        assertThatThrownBy(() -> chart.render(Map.of("metrics.serviceMonitor.enabled", true, "metrics.service.enabled", false)))
                .hasMessageContaining("metrics.serviceMonitor.enabled=true needs metrics.service.enabled=true");
    }
}
