package io.kubezap.kubectl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.contract.Account;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Stands in for a session pod's API (or the gateway's proxy of it) under one path prefix: answers what kubectl zap
 * calls with the shapes the contract defines, checks the key, and records what it was asked.
 */
final class StandInSessionApi implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final Instant EXPIRES = Instant.parse("2026-11-24T10:00:00Z");

    private final HttpServer server;
    private final String prefix;
    private final String key;
    /** In a gateway's view (a Map) given to {@link #states}: the QR its {@code …/qr} serves; never served in the view. */
    static final String QR_BEHIND_THE_GATEWAY = "stand-in:qr";
    /** In a gateway's view: the passkey challenge its {@code …/pairing/passkey} serves (the pod's, proxied). */
    static final String PASSKEY_BEHIND_THE_GATEWAY = "stand-in:passkey";

    private final Deque<Object> states = new ArrayDeque<>();
    private Object current;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    int pendingDeliveries;
    List<Map<String, Object>> events = List.of();
    List<Map<String, Object>> liveEvents = List.of();
    Problem sendProblem;
    /** What each {@code POST …/pairing/passkey} answers in turn: a problem, or null (taken: the state). */
    final Deque<Problem> passkeyAnswers = new java.util.LinkedList<>();

    StandInSessionApi(String prefix, String key) {
        this.prefix = prefix;
        this.key = key;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** A pod's API: {@code /api/v1/sessions/{name}}. */
    static StandInSessionApi pod(String session, String key) {
        return new StandInSessionApi(SessionApi.session(session), key);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The documents {@code GET} answers, one per call, the last one staying: a pod's {@link SessionState}s, or
     * maps shaped as the gateway's view of a session.
     */
    StandInSessionApi states(Object... next) {
        states.addAll(List.of(next));
        return this;
    }

    static SessionState waitingForQr(String session, String code) {
        return SessionState.starting(session, "shop").withPhase(PodPhase.WaitingForQR)
                .withCodes(new ExpiringCode(code, EXPIRES), null);
    }

    static SessionState waitingForPasskey(String session, String challenge) {
        return SessionState.starting(session, "shop").withPhase(PodPhase.WaitingForPasskey)
                .withPasskey(new PasskeyChallenge(challenge, "whatsapp.com",
                        "{\"challenge\":\"" + challenge + "\",\"rpId\":\"whatsapp.com\"}", EXPIRES));
    }

    static SessionState waitingForPairingCode(String session) {
        return SessionState.starting(session, "shop").withPhase(PodPhase.WaitingForPairingCode);
    }

    static SessionState connected(String session) {
        return SessionState.starting(session, "shop").withPhase(PodPhase.Connected)
                .withConnection(new Account("5511999999999@s.whatsapp.net", "5511999999999", "Loja"), EXPIRES, 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        if (!body.isEmpty()) {
            bodies.add(body);
        }
        if (!key.equals(exchange.getRequestHeaders().getFirst(SessionApi.API_KEY_HEADER))) {
            problem(exchange, Problem.of("unauthorized", "Unauthorized", 401, "wrong key", null));
            return;
        }
        if (!path.startsWith(prefix)) {
            problem(exchange, Problem.of("not-found", "Not Found", 404, "no " + path, null));
            return;
        }
        String rest = path.substring(prefix.length());
        switch (exchange.getRequestMethod() + " " + rest) {
            case "GET " -> json(exchange, 200, served(nextState()));
            case "GET /qr" -> qr(exchange);
            case "GET /pairing/passkey" -> passkeyChallenge(exchange);
            case "POST /pairing/passkey" -> {
                Problem refusal = passkeyAnswers.poll();
                if (refusal != null) {
                    problem(exchange, refusal);
                } else {
                    json(exchange, 200, current);
                }
            }
            case "POST /pairing-code" -> json(exchange, 200, new ExpiringCode("ABCD-EFGH", EXPIRES));
            case "POST /messages" -> {
                if (sendProblem != null) {
                    problem(exchange, sendProblem);
                } else {
                    json(exchange, 202, Map.of("id", "msg_0001", "status", "queued"));
                }
            }
            case "GET /events" -> json(exchange, 200, Map.of("items", events));
            case "GET /events/stream" -> stream(exchange);
            case "GET /webhooks/deliveries" -> json(exchange, 200, Map.of("items",
                    Collections.nCopies(pendingDeliveries, Map.of("status", "pending"))));
            default -> problem(exchange, Problem.of("not-found", "Not Found", 404, "no " + rest, null));
        }
    }

    /** The state as served: a gateway's view without the stand-in's note of the QR the pod behind it shows. */
    private static Object served(Object state) {
        if (state instanceof Map<?, ?> view) {
            Map<Object, Object> shown = new java.util.HashMap<>(view);
            shown.remove(QR_BEHIND_THE_GATEWAY);
            shown.remove(PASSKEY_BEHIND_THE_GATEWAY);
            return shown;
        }
        return state;
    }

    private synchronized Object nextState() {
        current = states.size() > 1 ? states.poll() : states.peek();
        return current;
    }

    private synchronized void passkeyChallenge(HttpExchange exchange) throws IOException {
        Object challenge = current instanceof SessionState state ? state.passkey()
                : current instanceof Map<?, ?> view ? view.get(PASSKEY_BEHIND_THE_GATEWAY) : null;
        if (challenge != null) {
            json(exchange, 200, challenge);
        } else {
            problem(exchange, Problem.of("not-found", "Not Found", 404, "WhatsApp asks for no passkey now", null));
        }
    }

    private synchronized void qr(HttpExchange exchange) throws IOException {
        Object code = current instanceof SessionState state ? (state.qr() == null ? null : state.qr().code())
                : current instanceof Map<?, ?> view ? view.get(QR_BEHIND_THE_GATEWAY) : null;
        if (code == null) {
            problem(exchange, Problem.of("not-found", "Not Found", 404, "no QR", null));
            return;
        }
        text(exchange, 200, "text/plain", "[terminal QR of " + code + "]\n");
    }

    private void stream(HttpExchange exchange) throws IOException {
        StringBuilder sse = new StringBuilder(": connected\n\n");
        for (Map<String, Object> event : liveEvents) {
            sse.append("id: ").append(event.get("id")).append("\nevent: ").append(event.get("type"))
                    .append("\ndata: ").append(JSON.writeValueAsString(event)).append("\n\n");
        }
        text(exchange, 200, "text/event-stream", sse.toString());
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        text(exchange, status, "application/json", JSON.writeValueAsString(value));
    }

    private static void problem(HttpExchange exchange, Problem problem) throws IOException {
        text(exchange, problem.status(), Problem.MEDIA_TYPE, JSON.writeValueAsString(problem));
    }

    private static void text(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
