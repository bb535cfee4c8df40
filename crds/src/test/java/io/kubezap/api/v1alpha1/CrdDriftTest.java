package io.kubezap.api.v1alpha1;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart ships the CRD as committed; it must be exactly what the Java types generate. */
class CrdDriftTest {

    @Test
    void committedCrdEqualsGeneratedCrd() throws IOException {
        String generated = Files.readString(CrdFiles.generated());
        String committed = Files.exists(CrdFiles.committed()) ? Files.readString(CrdFiles.committed()) : "";
        assertThat(committed)
                .as("%s is out of date with the API types in crds/. Refresh it with:%n  %s%n",
                        CrdFiles.committed(), CrdFiles.REFRESH_COMMAND)
                .isEqualTo(generated);
    }
}
