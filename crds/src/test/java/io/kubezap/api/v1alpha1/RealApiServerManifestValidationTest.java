package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubezap.testing.apiserver.EstablishedCrd;
import io.kubezap.testing.apiserver.RealApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ManifestValidationTest's cases judged by a real kube-apiserver with the chart's CRD installed (server-side dry run,
 * so the schema, defaulting and CEL rules all run and nothing is stored): every example accepted, every invalid
 * manifest refused at the field and with the message the project's own validator gives. Skips without the binaries.
 */
class RealApiServerManifestValidationTest {

    private static final String NAMESPACE = "manifests";
    private static RealApiServer server;
    private static KubernetesClient client;

    /** Started by the first test (so that each test, not the class, reports the skip and its reason). */
    private static synchronized KubernetesClient client() throws IOException {
        if (client == null) {
            server = RealApiServer.start();
            client = server.admin();
            installTheChartsCrd();
        }
        return client;
    }

    private static void installTheChartsCrd() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CrdFiles.committed()),
                CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        EstablishedCrd.await(client, crd.getMetadata().getName());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(CrdFiles.repositoryRoot().resolve("examples"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theServerAcceptsEveryObjectOfTheExample(String example) throws IOException {
        List<JsonNode> objects = documents(CrdFiles.repositoryRoot().resolve("examples").resolve(example));
        assertThat(objects).isNotEmpty();
        KubernetesClient client = client();
        for (JsonNode object : objects) {
            GenericKubernetesResource accepted = client.resource(resource(object)).inNamespace(NAMESPACE).dryRun().create();
            assertThat(accepted.getMetadata().getName()).isEqualTo(object.at("/metadata/name").asText());
        }
    }

    @ParameterizedTest(name = "{0} is refused at {2}")
    @CsvFileSource(resources = "/invalid/cases.csv", quoteCharacter = '\'')
    void theServerRefusesTheInvalidManifestWithTheMessageMeantForIt(String file, String rule, String path, String messagePart)
            throws IOException {
        JsonNode manifest = documents(Path.of("src/test/resources/invalid", file)).getFirst();
        String field = path.equals("$") ? "metadata.name" : path.substring(2);
        KubernetesClient client = client();

        assertThatThrownBy(() -> client.resource(resource(manifest)).inNamespace(NAMESPACE).dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, refused -> {
                    assertThat(refused.getCode()).as(refused.getMessage()).isEqualTo(422);
                    assertThat(refused.getStatus().getDetails().getCauses())
                            .as("the server's causes for %s (rule %s)", file, rule)
                            .anySatisfy(cause -> {
                                assertThat(cause.getField()).startsWith(field);
                                assertThat(said(cause)).contains(messagePart);
                            });
                });
    }

    private static String said(StatusCause cause) {
        return cause.getField() + ": " + cause.getMessage();
    }

    private static GenericKubernetesResource resource(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.path("metadata")).put("namespace", NAMESPACE);
        return Serialization.jsonMapper().convertValue(copy, GenericKubernetesResource.class);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var docs = CrdFiles.YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
            return docs.readAll().stream().filter(d -> d.has("kind")).toList();
        }
    }
}
