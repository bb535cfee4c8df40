package io.kubezap.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents kept in the repository ({@code docs/openapi/<module>.json}, for client generators) are the ones
 * this build wrote ({@code quarkus.smallrye-openapi.store-schema-directory}: {@code <module>/target/openapi}). The
 * gateway's is built from the kept pod document (its proxied session paths), so refresh the pod's first. Every
 * operation has a stable {@code operationId} (what a generated client names its method: {@code sendMessage},
 * {@code listChats}), unique in its document, and a tag (what a generated client groups methods by).
 */
class OpenApiDocumentsIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @ParameterizedTest
    @ValueSource(strings = {"session-pod", "gateway"})
    void everyOperationHasAUniqueOperationIdAndATag(String module) throws IOException {
        JsonNode paths = new ObjectMapper().readTree(Path.of("..", "docs/openapi/" + module + ".json").toFile()).path("paths");
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        paths.properties().forEach(path -> path.getValue().properties().stream()
                .filter(operation -> METHODS.contains(operation.getKey()))
                .forEach(operation -> {
                    String where = operation.getKey().toUpperCase() + " " + path.getKey();
                    String id = operation.getValue().path("operationId").asText("");
                    if (!id.matches("[a-z][A-Za-z0-9]+")) {
                        problems.add(where + ": operationId '" + id + "' is missing or not camelCase");
                    } else if (seen.putIfAbsent(id, where) != null) {
                        problems.add(where + ": operationId '" + id + "' is also " + seen.get(id));
                    }
                    if (operation.getValue().path("tags").isEmpty()) {
                        problems.add(where + ": no tag");
                    }
                }));
        assertThat(problems).as("docs/openapi/%s.json", module).isEmpty();
    }

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
