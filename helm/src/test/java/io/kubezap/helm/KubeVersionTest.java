package io.kubezap.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's kubeVersion agrees with its CRD: the CEL rules call quantity(), Kubernetes' CEL quantity library, which
 * API servers older than 1.29 do not have (docs/crd-versioning.md). An older cluster is refused at install, instead of
 * the CRD being rejected by its API server.
 */
class KubeVersionTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void aClusterOlderThanTheCrdsCelNeedsIsRefused() throws IOException {
        assertThat(Files.readString(chart.file("files/crds/whatsappsessions.kubezap.io-v1.yml"))).contains("quantity(");

        assertThatThrownBy(() -> chart.render(command -> command.withKubeVersion("1.28.15")))
                .hasMessageContaining("kubeVersion");
        assertThat(chart.render(command -> command.withKubeVersion("1.29.0")).all(io.fabric8.kubernetes.api.model.HasMetadata.class))
                .isNotEmpty();
    }
}
