package io.kubezap.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire side of an MCP client over Streamable HTTP, as the protocol (2025-06-18) has it: {@code initialize}, the
 * {@code notifications/initialized} notification, then requests with the {@code Mcp-Session-Id} the server gave; each
 * answer as JSON or as an SSE stream. The TypeScript SDK does the same in system-tests {@code McpIT}.
 */
final class McpClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final Map<String, String> credentials;
    private final AtomicInteger ids = new AtomicInteger();
    private String sessionId;

    /** An initialized client of the MCP server at {@code endpoint}, presenting {@code credentials} as headers. */
    static McpClient connected(URI endpoint, Map<String, String> credentials) throws Exception {
        McpClient client = new McpClient(endpoint, credentials);
        HttpResponse<String> initialized = client.post(Map.of("jsonrpc", "2.0", "id", client.ids.incrementAndGet(),
                "method", "initialize", "params", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                        "clientInfo", Map.of("name", "gateway-test", "version", "1"))));
        if (initialized.statusCode() != 200) {
            throw new IllegalStateException("initialize answered " + initialized.statusCode() + ": " + initialized.body());
        }
        client.sessionId = initialized.headers().firstValue("Mcp-Session-Id").orElse(null);
        client.post(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        return client;
    }

    /** A client that has not initialized, for what the server answers before that. */
    static McpClient connectedOrNot(URI endpoint, Map<String, String> credentials) {
        return new McpClient(endpoint, credentials);
    }

    private McpClient(URI endpoint, Map<String, String> credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** The {@code result} of a request, or its {@code error} as the whole answer. */
    JsonNode request(String method, Map<String, Object> params) throws Exception {
        HttpResponse<String> answer = post(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method,
                "params", params));
        JsonNode message = message(answer);
        return message.has("result") ? message.get("result") : message;
    }

    /** A tool's result: {@code content} and {@code isError}. */
    JsonNode callTool(String name, Map<String, Object> arguments) throws Exception {
        return request("tools/call", Map.of("name", name, "arguments", arguments));
    }

    /** The text of a tool result's first content. */
    static String text(JsonNode result) {
        return result.path("content").path(0).path("text").asText();
    }

    HttpResponse<String> post(Object message) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
        credentials.forEach(request::header);
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON-RPC message of an answer: its body, or the last {@code data:} of its event stream. */
    private static JsonNode message(HttpResponse<String> answer) throws IOException {
        String body = answer.body();
        if (answer.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            String answered = null;
            for (String line : body.split("\n")) {
                String data = line.startsWith("data:") ? line.substring("data:".length()).trim() : "";
                if (data.contains("\"result\"") || data.contains("\"error\"")) {
                    answered = data; // notifications (logs, progress) may come first
                }
            }
            body = answered;
        }
        if (body == null || body.isBlank()) {
            throw new IllegalStateException("no JSON-RPC message in an answer " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(body);
    }
}
