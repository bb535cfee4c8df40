package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.validation.CrdSchemaValidator;
import com.fasterxml.jackson.databind.MappingIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped examples are valid sessions; typical mistakes are rejected, each by the rule meant for it. */
class ManifestValidationTest {

    private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.of(CrdFiles.generatedCrd(), "v1alpha1");

    @ParameterizedTest
    @ValueSource(strings = {"session-qr.yaml", "session-pairing-code.yaml", "session-suspended.yaml", "session-pod-template.yaml",
            "session-event-sinks.yaml", "session-media-s3.yaml", "session-proxy.yaml", "session-event-filters.yaml",
            "session-webhook-auth.yaml", "session-chatwoot.yaml", "session-auto-reply.yaml", "session-event-payload.yaml",
            "session-host.yaml"})
    void examplesDeserializeAndPassTheSchemaAndCelRules(String example) throws IOException {
        List<JsonNode> sessions = sessionsIn(CrdFiles.repositoryRoot().resolve("examples").resolve(example));
        assertThat(sessions).as("WhatsAppSession documents in %s", example).isNotEmpty();
        for (JsonNode manifest : sessions) {
            WhatsAppSession session = CrdFiles.YAML.treeToValue(manifest, WhatsAppSession.class);
            assertThat(session.getMetadata().getName()).isNotBlank();
            assertThat(VALIDATOR.validate(manifest)).as("violations in %s", example).isEmpty();
        }
    }

    /** Applied together (kubectl apply -f examples/), no example may overwrite another's object. */
    @Test
    void examplesNameEachObjectOncePerNamespace() throws IOException {
        Map<String, List<String>> filesByObject = new TreeMap<>();
        try (Stream<Path> files = Files.list(CrdFiles.repositoryRoot().resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode object : documentsIn(file)) {
                    String key = object.path("kind").asText() + " " + object.at("/metadata/namespace").asText("(default)")
                            + "/" + object.at("/metadata/name").asText();
                    filesByObject.computeIfAbsent(key, k -> new ArrayList<>()).add(file.getFileName().toString());
                }
            }
        }
        assertThat(filesByObject).as("objects in examples/").isNotEmpty();
        assertThat(filesByObject).as("objects named in more than one example").allSatisfy((object, files) ->
                assertThat(files).as(object).hasSize(1));
    }

    @ParameterizedTest(name = "{0} is rejected by {1} at {2}")
    @CsvFileSource(resources = "/invalid/cases.csv", quoteCharacter = '\'')
    void badManifestIsRejectedByTheRuleMeantForIt(String file, String rule, String path, String messagePart) throws IOException {
        JsonNode manifest = sessionsIn(Path.of("src/test/resources/invalid", file)).getFirst();

        List<CrdSchemaValidator.Violation> violations = VALIDATOR.validate(manifest);

        assertThat(violations).as("violations of %s", file).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(rule);
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).contains(messagePart);
        });
    }

    private static List<JsonNode> sessionsIn(Path file) throws IOException {
        return documentsIn(file).stream()
                .filter(d -> "WhatsAppSession".equals(d.path("kind").asText()))
                .toList();
    }

    private static List<JsonNode> documentsIn(Path file) throws IOException {
        try (MappingIterator<JsonNode> docs = CrdFiles.YAML.readerFor(JsonNode.class)
                .readValues(Files.readString(file))) {
            return docs.readAll().stream().filter(d -> d.has("kind")).toList();
        }
    }
}
