package io.kubezap.system.scale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every session pod's REST API at once, as a gateway proxies to it: {@code GET /api/v1/sessions/{name}/…} answers a
 * one-message page when the call carries that session's own key ({@link #keyOf}), and 401 otherwise, so a call the
 * gateway sent with another session's key (or none) is counted, not answered.
 */
public final class KeyedSessionPods implements AutoCloseable {

    private static final String BASE = "/api/v1/sessions/";

    private final HttpServer server;
    private final AtomicLong refused = new AtomicLong();

    public KeyedSessionPods() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(BASE, this::answer);
        server.start();
    }

    /** The API key the session's pod holds, and the operator copies for the gateway. */
    public static String keyOf(String session) {
        return "pod-key-of-" + session;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls that came without the session's own key. */
    public long refused() {
        return refused.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring(BASE.length());
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        boolean ownKey = keyOf(name).equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
        if (!ownKey) {
            refused.incrementAndGet();
        }
        byte[] body = (ownKey ? """
                {"items":[{"id":"m1","chatId":"5511900000000@s.whatsapp.net","fromMe":false,"type":"text","text":"hi"}]}"""
                : "{\"status\":401}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(ownKey ? 200 : 401, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
