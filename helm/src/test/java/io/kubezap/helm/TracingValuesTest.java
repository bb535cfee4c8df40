package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubezap.api.v1alpha1.PodTemplate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** tracing.otlpEndpoint turns OpenTelemetry export on in the gateway and every session pod; off by default. */
class TracingValuesTest {

    private static final String COLLECTOR = "http://otel-collector.observability:4317";
    private static final List<EnvVar> EXPORT = List.of(new EnvVar("QUARKUS_OTEL_SDK_DISABLED", "false", null),
            new EnvVar("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR, null));

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void anEndpointReachesTheGatewayAndTheSessionPodsDefaultsBesideTheirOwnVariables() {
        Manifests manifests = chart.render(Map.of("tracing.otlpEndpoint", COLLECTOR,
                "session.podTemplate.env[0].name", "KUBEZAP_SEND_MAX_ATTEMPTS", "session.podTemplate.env[0].value", "8"));

        assertThat(gatewayEnv(manifests)).containsAll(EXPORT);
        PodTemplate sessions = Serialization.unmarshal(manifests.operatorEnv().get("KUBEZAP_SESSION_POD_TEMPLATE"), PodTemplate.class);
        assertThat(sessions.getEnv()).containsExactly(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null),
                new EnvVar("QUARKUS_LOG_CONSOLE_JSON", "true", null), EXPORT.get(0), EXPORT.get(1));
    }

    @Test
    void byDefaultNothingIsExported() {
        Manifests manifests = chart.render();

        assertThat(gatewayEnv(manifests)).extracting(EnvVar::getName).doesNotContain("QUARKUS_OTEL_SDK_DISABLED");
        PodTemplate sessions = Serialization.unmarshal(manifests.operatorEnv().get("KUBEZAP_SESSION_POD_TEMPLATE"), PodTemplate.class);
        assertThat(sessions.getEnv()).extracting(EnvVar::getName).noneMatch(name -> name.startsWith("QUARKUS_OTEL"));
        assertThat(gatewayEgress(chart.render(Map.of("networkPolicy.enabled", true)))).as("no collector, no rule for one")
                .hasSize(4);
    }

    /** Issue 53 item 15: with NetworkPolicies on, the gateway may reach the collector it exports to, and only on its port. */
    @Test
    void theGatewaysEgressPolicyLetsItReachTheCollector() {
        List<NetworkPolicyEgressRule> inCluster = gatewayEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "tracing.otlpEndpoint", COLLECTOR)));
        assertThat(inCluster).hasSize(5);
        assertThat(inCluster.getLast().getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "observability"));
            assertThat(peer.getPodSelector()).isNull();
        });
        assertThat(inCluster.getLast().getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(4317);

        NetworkPolicyEgressRule qualified = gatewayEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "tracing.otlpEndpoint", "http://otel.tracing.svc.cluster.local:4318"))).getLast();
        assertThat(qualified.getTo()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "tracing")));
        assertThat(qualified.getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(4318);

        NetworkPolicyEgressRule outside = gatewayEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "tracing.otlpEndpoint", "https://otlp.vendor.example.com"))).getLast();
        assertThat(outside.getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(443);
        assertThat(outside.getTo()).first().satisfies(peer -> assertThat(peer.getIpBlock().getExcept()).contains("10.0.0.0/8", "169.254.0.0/16"));

        NetworkPolicyEgressRule given = gatewayEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "tracing.otlpEndpoint", COLLECTOR, "tracing.collectorEgress[0].to[0].podSelector.matchLabels.app", "otel-collector",
                "tracing.collectorEgress[0].ports[0].port", 4317))).getLast();
        assertThat(given.getTo()).singleElement().satisfies(peer ->
                assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app", "otel-collector")));
    }

    private static List<NetworkPolicyEgressRule> gatewayEgress(Manifests manifests) {
        return manifests.one(NetworkPolicy.class, "kubezap-gateway-egress").getSpec().getEgress();
    }

    private static List<EnvVar> gatewayEnv(Manifests manifests) {
        return manifests.one(Deployment.class, "kubezap-gateway").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
    }
}
