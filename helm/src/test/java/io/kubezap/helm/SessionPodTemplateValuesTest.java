package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubezap.api.v1alpha1.PodTemplate;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** session.podTemplate and session.securityContext reach the operator, which renders every session pod from them. */
class SessionPodTemplateValuesTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theChartsPodTemplateReachesTheOperatorInTheShapeOfSpecPodTemplate() {
        Map<String, String> env = chart.render(chart.file("ci/pod-template-values.yaml")).operatorEnv();

        PodTemplate defaults = Serialization.unmarshal(env.get("KUBEZAP_SESSION_POD_TEMPLATE"), PodTemplate.class);
        assertThat(defaults.getImagePullSecrets()).containsExactly(new LocalObjectReference("registry-credentials"));
        assertThat(defaults.getNodeSelector()).containsExactlyEntriesOf(Map.of("kubezap.io/sessions", "true"));
        assertThat(defaults.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(defaults.getTopologySpreadConstraints()).singleElement()
                .satisfies(c -> assertThat(c.getMaxSkew()).isEqualTo(1));
        assertThat(defaults.getPriorityClassName()).isEqualTo("whatsapp-sessions");
        assertThat(defaults.getEnv()).containsExactly(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null),
                new EnvVar("QUARKUS_LOG_CONSOLE_JSON", "true", null));
        assertThat(defaults.getLabels()).containsExactlyEntriesOf(Map.of("team", "platform"));
        assertThat(env).containsEntry("KUBEZAP_SESSION_PLATFORM_ASSIGNS_USER", "true");
    }

    @Test
    void byDefaultNoTemplateAndAPinnedUserOutsideOpenShift() {
        Map<String, String> env = chart.render(Map.of("logging.json", false)).operatorEnv();

        assertThat(env).doesNotContainKeys("KUBEZAP_SESSION_POD_TEMPLATE", "KUBEZAP_SESSION_PLATFORM_ASSIGNS_USER");
    }

    @Test
    void aMisspelledPodTemplateFieldIsRefusedByTheValuesSchema() {
        assertThatThrownBy(() -> chart.render(Map.of("session.podTemplate.nodeSelecter.pool", "whatsapp")))
                .hasMessageContaining("nodeSelecter");
    }
}
