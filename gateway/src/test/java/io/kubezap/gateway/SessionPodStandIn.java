package io.kubezap.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for session pods: one HTTP server the gateway's session URL points at. It answers only calls carrying
 * the pod key {@link #POD_KEY} (401 otherwise, as a pod does) and echoes what it received, so tests can see what
 * the gateway forwarded.
 */
public class SessionPodStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String POD_KEY = "pod-key-of-the-session";

    /** What reached the stand-in: method, path with query, the key it carried, the Authorization header, body. */
    public record Received(String method, String uri, String apiKey, String authorization, String body) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        return Map.of("kubezap.gateway.session-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
        RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), apiKey,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (!POD_KEY.equals(apiKey)) {
            reply(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/messages")) {
            exchange.getResponseHeaders().add("Location", path + "/m-1");
            reply(exchange, 202, "application/json", "{\"id\":\"m-1\",\"received\":" + body + "}");
            return;
        }
        if (path.endsWith("/qr")) {
            reply(exchange, 200, "application/json", "{\"code\":\"2@qr-from-the-pod\",\"query\":\""
                    + exchange.getRequestURI().getRawQuery() + "\"}");
            return;
        }
        reply(exchange, 404, "application/problem+json", "{\"title\":\"Not found\",\"status\":404}");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
