package io.kubezap.session.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP (or HTTPS) receiver on loopback whose answer per path the test chooses. */
public final class WebhookReceiver implements AutoCloseable {

    public enum Mode { OK, FAIL_500, FAIL_401, HANG }

    public record Received(String path, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Function<Received, String>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    public WebhookReceiver(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** {@code host}: another loopback address (127.0.0.2) where a test allows only the receiver, not all of loopback. */
    public WebhookReceiver(String host, int port) throws IOException {
        this(HttpServer.create(new InetSocketAddress(host, port), 0));
    }

    /** The same receiver over HTTPS, presenting the key and certificate of {@code tls}. */
    public static WebhookReceiver https(int port, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new WebhookReceiver(server);
    }

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void mode(String path, Mode mode) {
        modes.put(path, mode);
        if (mode != Mode.HANG) {
            releaseHanging();
        }
    }

    /** Requests to {@code path} are answered 302 with {@code location} and this body. */
    void redirect(String path, String location) {
        redirects.put(path, location);
    }

    /** Requests to {@code path} are answered 200 with the JSON {@code answer} makes of the request (a token endpoint). */
    public void answer(String path, java.util.function.Function<Received, String> answer) {
        answers.put(path, answer);
    }

    /** Requests that arrived at the path (including failed attempts), in arrival order. */
    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The JSON bodies that arrived at the path, in arrival order. */
    public List<com.fasterxml.jackson.databind.JsonNode> jsonAt(String path) {
        return at(path).stream().map(request -> {
            try {
                return JSON.readTree(request.body());
            } catch (IOException unreadable) {
                throw new java.io.UncheckedIOException(unreadable);
            }
        }).toList();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    void releaseHanging() {
        hanging.countDown();
        hanging = new CountDownLatch(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now());
        received.add(request);
        Mode mode = modes.getOrDefault(path, Mode.OK);
        if (mode == Mode.HANG) {
            awaitRelease();
        }
        String location = redirects.get(path);
        var answer = answers.get(path);
        if (answer != null && mode == Mode.OK) {
            byte[] json = answer.apply(request).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
        } else if (location != null) {
            byte[] page = ("moved to " + location).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, page.length);
            exchange.getResponseBody().write(page);
        } else {
            exchange.sendResponseHeaders(mode == Mode.FAIL_500 ? 500 : mode == Mode.FAIL_401 ? 401 : 204, -1);
        }
        exchange.close();
    }

    private void awaitRelease() {
        try {
            hanging.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        releaseHanging();
        server.stop(0);
    }
}
