package io.kubezap.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents kept in the repository ({@code docs/openapi/<module>.json}, for client generators) are the ones
 * this build wrote ({@code quarkus.smallrye-openapi.store-schema-directory}: {@code <module>/target/openapi}). The
 * gateway's is built from the kept pod document (its proxied session paths), so refresh the pod's first.
 */
class OpenApiDocumentsIT {

    @ParameterizedTest
    @ValueSource(strings = {"session-pod", "gateway"})
    void theKeptDocumentIsTheBuiltOne(String module) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path root = Path.of("..");

        assertThat(json.readTree(root.resolve("docs/openapi/" + module + ".json").toFile()))
                .as("docs/openapi/%s.json differs from what this build serves; refresh it with "
                        + "./mvnw -pl %s -am package -DskipTests && cp %s/target/openapi/openapi.json docs/openapi/%s.json",
                        module, module, module, module)
                .isEqualTo(json.readTree(root.resolve(module + "/target/openapi/openapi.json").toFile()));
    }
}
