package io.kubezap.operator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the operator logs while reconciling one session, in JSON, names the session: fields {@code namespace} and
 * {@code session} of its MDC, as the gateway's and the pod's lines do. The JSON goes to a file here (the console's
 * formatter is the same, switched by {@code QUARKUS_LOG_CONSOLE_JSON}); the line is the session's first phase change.
 */
@QuarkusTest
@TestProfile(SessionLogFieldsTest.JsonLogFile.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class SessionLogFieldsTest {

    private static final Path LOG = Path.of("target", "operator-session-log-fields.json.log");

    public static class JsonLogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void theLineOfASessionsPhaseChangeCarriesItsNamespaceAndName() {
        OperatorCluster cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        String name = "logged-" + Long.toString(System.nanoTime(), 36); // the file outlives a run

        cluster.create(name, spec -> { });

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jsonLines())
                .filteredOn(line -> line.path("message").asText().startsWith("phase null -> "))
                .map(line -> line.path("mdc"))
                .filteredOn(mdc -> name.equals(mdc.path("session").asText()))
                // a reconcile retried before its status patch is seen logs the change again: the fields are the point
                .isNotEmpty()
                .allSatisfy(mdc -> assertThat(mdc.path("namespace").asText())
                        .isEqualTo(cluster.session(name).getMetadata().getNamespace())));
    }

    private static List<JsonNode> jsonLines() {
        ObjectMapper json = new ObjectMapper();
        try {
            return Files.readAllLines(LOG).stream().filter(line -> line.startsWith("{")).map(line -> {
                try {
                    return json.readTree(line);
                } catch (IOException notJson) {
                    throw new UncheckedIOException(notJson);
                }
            }).toList();
        } catch (IOException notYet) {
            return List.of();
        }
    }
}
