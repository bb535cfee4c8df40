package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRD comes with the release, so that {@code helm upgrade} updates it (a chart's crds/ directory is installed
 * once, never upgraded), kept when the release is uninstalled; {@code crds.create=false} leaves it to the user.
 */
class CrdReleaseTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theReleaseInstallsAndUpgradesTheGeneratedCrdAndKeepsItOnUninstall() throws IOException {
        CustomResourceDefinition crd = chart.render().one(CustomResourceDefinition.class);

        assertThat(crd.getMetadata().getName()).isEqualTo("whatsappsessions.kubezap.io");
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(crd.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsEntry("app.kubernetes.io/part-of", "kubezap");
        CustomResourceDefinition generated = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Files.readString(chart.file("files/crds/whatsappsessions.kubezap.io-v1.yml")), CustomResourceDefinition.class);
        assertThat(crd.getSpec()).as("the rendered CRD is the generated one").isEqualTo(generated.getSpec());
    }

    @Test
    void withCrdsCreateOffTheReleaseHasNoCrd() {
        assertThat(chart.render(Map.of("crds.create", false)).all(CustomResourceDefinition.class)).isEmpty();
    }

    @Test
    void theChartHasNoCrdsDirectoryThatHelmWouldInstallOnceBesideIt() {
        assertThat(Files.exists(chart.file("crds"))).isFalse();
    }
}
