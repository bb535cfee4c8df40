package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
        assertThat(sessions.getEnv()).containsExactly(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null), EXPORT.get(0), EXPORT.get(1));
    }

    @Test
    void byDefaultNothingIsExported() {
        Manifests manifests = chart.render();

        assertThat(gatewayEnv(manifests)).extracting(EnvVar::getName).doesNotContain("QUARKUS_OTEL_SDK_DISABLED");
        assertThat(manifests.operatorEnv()).doesNotContainKey("KUBEZAP_SESSION_POD_TEMPLATE");
    }

    private static List<EnvVar> gatewayEnv(Manifests manifests) {
        return manifests.one(Deployment.class, "kubezap-gateway").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
    }
}
