package io.kubezap.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class CommittedCrdTest {

    private static final String CRD_FILE = "whatsappsessions.kubezap.io-v1.yml";

    @Test
    void chartShipsTheCrdGeneratedFromTheApiTypes() throws IOException {
        String committed = Files.readString(KubezapChart.inModule().file("files/crds/" + CRD_FILE));

        assertThat(committed).as("helm/kubezap/files/crds/%s is stale: refresh it with ./mvnw -pl crds -am -Pupdate-crd process-classes", CRD_FILE)
                .isEqualTo(generated());
    }

    /** The CRD the kubezap-crds module generated, from its jar (or target/classes) on the test class path. */
    private static String generated() throws IOException {
        try (InputStream crd = CommittedCrdTest.class.getResourceAsStream("/META-INF/fabric8/" + CRD_FILE)) {
            assertThat(crd).as("kubezap-crds on the test class path").isNotNull();
            return new String(crd.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
