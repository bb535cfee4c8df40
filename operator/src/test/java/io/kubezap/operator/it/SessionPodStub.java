package io.kubezap.operator.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the session pods' REST API on loopback: the test sets each session's state JSON, can make a session's pod
 * unreachable (the connection is dropped without an answer) or hung (the request is accepted and never answered, as
 * behind a partitioned node) and reads which logouts arrived. Each request has a thread of its own, so a hung one
 * holds up no other.
 */
public final class SessionPodStub {

    private static final String BASE = "/api/v1/sessions/";

    private final HttpServer server;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<String> logouts = new CopyOnWriteArrayList<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stateReads = new ConcurrentHashMap<>();
    private final Set<String> hung = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, List<String>> traces = new ConcurrentHashMap<>();

    public SessionPodStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(BASE, this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        released.countDown();
        server.stop(0);
    }

    public void state(String session, String json) {
        down.remove(session);
        hung.remove(session);
        states.put(session, json);
    }

    public void down(String session) {
        hung.remove(session);
        down.add(session);
    }

    /** The session's pod accepts every request and never answers it, until the stub stops. */
    public void hung(String session) {
        down.remove(session);
        hung.add(session);
    }

    public List<String> logouts() {
        return List.copyOf(logouts);
    }

    /** The Authorization header of the last call for this session. */
    public String authorization(String session) {
        return authorizations.get(session);
    }

    /** How often the session's state was read (answered or not). */
    public int stateReads(String session) {
        AtomicInteger reads = stateReads.get(session);
        return reads == null ? 0 : reads.get();
    }

    /** Per call of this session's pod: when it arrived ({@link System#nanoTime()} in ms) and what it got. */
    public List<String> trace(String session) {
        return List.copyOf(traces.getOrDefault(session, List.of()));
    }

    private void trace(String session, String what) {
        traces.computeIfAbsent(session, ignored -> new CopyOnWriteArrayList<>())
                .add(System.nanoTime() / 1_000_000 + " " + what);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring(BASE.length());
        String session = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if ("GET".equals(exchange.getRequestMethod()) && !rest.contains("/")) {
            stateReads.computeIfAbsent(session, ignored -> new AtomicInteger()).incrementAndGet();
        }
        if (down.contains(session)) {
            trace(session, "dropped");
            exchange.close();
            return;
        }
        if (hung.contains(session)) {
            trace(session, "hung");
            awaitRelease();
            exchange.close();
            return;
        }
        trace(session, exchange.getRequestMethod() + " " + rest + " answered "
                + phaseOf(states.getOrDefault(session, "404")));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.put(session, auth);
        }
        if (rest.endsWith("/logout") && "POST".equals(exchange.getRequestMethod())) {
            logouts.add(session);
            respond(exchange, 200, "{\"name\":\"" + session + "\",\"phase\":\"LoggedOut\"}");
        } else if (states.containsKey(session)) {
            respond(exchange, 200, states.get(session));
        } else {
            respond(exchange, 404, "{\"type\":\"about:blank\",\"title\":\"unknown session\"}");
        }
    }

    private static String phaseOf(String json) {
        int at = json.indexOf("\"phase\":\"");
        return at < 0 ? json : json.substring(at + 9, json.indexOf('"', at + 9));
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
