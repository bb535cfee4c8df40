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
 * Every session pod's REST API at once, as the operator polls it (its {@code kubezap.session.endpoint-override}):
 * each session answers that it is connected, with an account of its own. Counts the calls.
 */
public final class ConnectedSessionPods implements AutoCloseable {

    private static final String BASE = "/api/v1/sessions/";

    private final HttpServer server;
    private final AtomicLong calls = new AtomicLong();

    public ConnectedSessionPods() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(BASE, this::answer);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String name = exchange.getRequestURI().getPath().substring(BASE.length());
        String phone = "55119" + String.format("%08d", Math.abs(name.hashCode()) % 100_000_000);
        byte[] body = """
                {"name":"%s","namespace":"default","phase":"Connected","qr":null,"pairingCode":null,
                 "account":{"jid":"%s@s.whatsapp.net","phoneNumber":"%s","pushName":"Bench"},
                 "lastConnectedAt":"2026-11-22T00:00:00Z","reconnects":0,"lastError":null}"""
                .formatted(name, phone, phone).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
