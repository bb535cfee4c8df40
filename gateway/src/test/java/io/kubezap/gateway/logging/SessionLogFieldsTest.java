package io.kubezap.gateway.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line the gateway logs while serving one session's path, in JSON, names the session: fields {@code namespace} and
 * {@code session} of its MDC. The JSON goes to a file here (the console's JSON formatter is the same, switched by
 * {@code QUARKUS_LOG_CONSOLE_JSON}); the line is the warning about the Kubernetes API failing on that session.
 */
@QuarkusTest
@TestProfile(SessionLogFieldsTest.JsonLogFile.class)
@WithKubernetesTestServer
class SessionLogFieldsTest {

    private static final Path LOG = Path.of("target", "session-log-fields-test.json.log");
    private static final String KEY = "log-fields-admin-key";

    public static class JsonLogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true",
                    // one answer of the API server, no retries: the test's 500 is logged once, at once
                    "quarkus.kubernetes-client.request-retry-backoff-limit", "0");
        }
    }

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void aLineLoggedWhileServingOneSessionCarriesItsNamespaceAndName() throws IOException {
        new Sessions(client).gatewayKey("log-fields-admin", KEY, "admin", "*", null);
        server.expect().get().withPath("/apis/kubezap.io/v1alpha1/namespaces/shop/whatsappsessions/loja-07")
                .andReturn(500, Map.of("kind", "Status", "code", 500, "message", "etcd is unhappy")).always();

        long before = Files.readAllLines(LOG).size(); // the file outlives a run

        given().header("X-Api-Key", KEY).get("/api/v1/namespaces/shop/sessions/loja-07").then().statusCode(502);

        List<JsonNode> mdcs = jsonLines(before).stream()
                .filter(line -> line.path("message").asText().contains("The Kubernetes API answered 500"))
                .map(line -> line.path("mdc")).toList();
        assertThat(mdcs).as("the MDC of the warning in the JSON log %s", LOG).isNotEmpty().allSatisfy(mdc -> {
            assertThat(mdc.path("namespace").asText()).isEqualTo("shop");
            assertThat(mdc.path("session").asText()).isEqualTo("loja-07");
        });
    }

    private static List<JsonNode> jsonLines(long skipped) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(LOG).stream().skip(skipped).filter(line -> line.startsWith("{")).map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException notJson) {
                throw new IllegalStateException(line, notJson);
            }
        }).toList();
    }
}
