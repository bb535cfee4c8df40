package io.kubezap.gateway.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A read of session {@code shop/<name>} through the gateway that the test's API server fails (500, so the gateway
 * answers 502 and logs a warning), and the MDCs of the warnings it logged into the JSON log {@code log}.
 */
record FailingSessionRead(KubernetesClient client, KubernetesServer server, Path log) {

    private static final String KEY = "log-fields-admin-key";

    List<JsonNode> warningMdcs(String name, String traceparent) throws IOException {
        new Sessions(client).gatewayKey("log-fields-admin", KEY, "admin", "*", null);
        server.expect().get().withPath("/apis/kubezap.io/v1alpha1/namespaces/shop/whatsappsessions/" + name)
                .andReturn(500, Map.of("kind", "Status", "code", 500, "message", "etcd is unhappy")).always();
        long before = Files.exists(log) ? Files.readAllLines(log).size() : 0; // the file outlives a run

        var request = given().header("X-Api-Key", KEY);
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        request.get("/api/v1/namespaces/shop/sessions/" + name).then().statusCode(502);

        return jsonLines(before).stream()
                .filter(line -> line.path("message").asText().contains("The Kubernetes API answered 500"))
                .map(line -> line.path("mdc")).toList();
    }

    private List<JsonNode> jsonLines(long skipped) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(log).stream().skip(skipped).filter(line -> line.startsWith("{")).map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException notJson) {
                throw new IllegalStateException(line, notJson);
            }
        }).toList();
    }
}
