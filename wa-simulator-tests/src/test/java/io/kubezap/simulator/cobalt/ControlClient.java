package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Drives the simulator the way a user does: over its HTTP control API. */
final class ControlClient {
    // a phone's 17 MiB document is encrypted and uploaded before the call answers: 10 s was not enough at load 30
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(TIMEOUT)
            .build();

    ControlClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Reply(int status, JsonNode body) {
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply post(String path, Map<String, ?> body) {
        return withBody("POST", path, body);
    }

    Reply patch(String path, Map<String, ?> body) {
        return withBody("PATCH", path, body);
    }

    Reply put(String path, Map<String, ?> body) {
        return withBody("PUT", path, body);
    }

    /** Whether the device answered the message with an ack or a receipt naming its id, as the server saw it. */
    boolean acknowledged(String number, int device, String messageId) {
        var nodes = get("/api/phones/" + number + "/devices/" + device + "/nodes").body();
        return StreamSupport.stream(nodes.spliterator(), false)
                .anyMatch(node -> List.of("ack", "receipt").contains(node.get("tag").asText())
                        && messageId.equals(node.path("attributes").path("id").asText()));
    }

    private Reply withBody(String method, String path, Map<String, ?> body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            return send(request);
        } catch (IOException exception) {
            throw new IllegalStateException(exception);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), json.readTree(response.body()));
        } catch (IOException exception) {
            throw new IllegalStateException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
