package io.kubezap.session.airesponder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.session.egress.CheckedHttp;
import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on loopback, as llama.cpp, Ollama, vLLM or api.openai.com speak it:
 * {@code POST /v1/chat/completions}, a JSON answer, or with {@code "stream": true} server-sent events ({@code data:}
 * chunks of deltas, then {@code data: [DONE]}), or an error ({@code {"error": {"message": …}}}). Each request is
 * recorded; the answer is whatever the test's script says for it.
 */
public final class StandInChatCompletions implements AutoCloseable {

    /** What the server does with one request. */
    public sealed interface Answer {
    }

    /** The reply text; streamed in {@code pieces} chunks when the request asked for a stream. */
    public record Text(String text, int pieces) implements Answer {
    }

    /** An error status with OpenAI's error body. */
    public record Error(int status, String message) implements Answer {
    }

    /** Headers and then nothing (or, streaming, a first chunk and then nothing) until the server closes. */
    public record Stall(boolean afterFirstChunk) implements Answer {
    }

    /** A request as received: its parsed body, its Authorization and Host headers (null when none). */
    public record Request(JsonNode body, String authorization, String host) {

        public List<String> contents() {
            return body.path("messages").findValuesAsText("content");
        }

        public List<String> roles() {
            return body.path("messages").findValuesAsText("role");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Request, Answer> script;

    private StandInChatCompletions(InetSocketAddress listen, Function<Request, Answer> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(listen, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public static StandInChatCompletions start(Function<Request, Answer> script) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), script);
    }

    /** Listening on {@code listen} (another loopback address, a port another server already has on one). */
    public static StandInChatCompletions start(InetSocketAddress listen, Function<Request, Answer> script) throws IOException {
        return new StandInChatCompletions(listen, script);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The pod's client for an endpoint {@code egress} admits, on one Vert.x the tests share. */
    public static ChatCompletions client(EgressRule egress) {
        return new ChatCompletions(new CheckedHttp(TestVertx.VERTX, egress, ChatCompletions.MAX_ANSWER), JSON);
    }

    private static final class TestVertx {
        static final Vertx VERTX = Vertx.vertx();
    }

    public void script(Function<Request, Answer> script) {
        this.script = script;
    }

    /** What a client puts in its baseUrl. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Request request = new Request(JSON.readTree(exchange.getRequestBody()),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Host"));
            requests.add(request);
            boolean stream = request.body().path("stream").asBoolean(false);
            switch (script.apply(request)) {
                case Text text when stream -> streamed(exchange, text);
                case Text text -> json(exchange, 200, """
                        {"id": "chatcmpl-1", "object": "chat.completion", "model": %s,
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}]}"""
                        .formatted(quoted(request.body().path("model").asText()), quoted(text.text())));
                case Error error -> json(exchange, error.status(), """
                        {"error": {"message": %s, "type": "server_error"}}""".formatted(quoted(error.message())));
                case Stall stall -> stall(exchange, stall, stream);
            }
        }
    }

    private void streamed(HttpExchange exchange, Text text) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
        int size = Math.max(1, (text.text().length() + text.pieces() - 1) / text.pieces());
        for (int at = 0; at < text.text().length(); at += size) {
            String piece = text.text().substring(at, Math.min(text.text().length(), at + size));
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quoted(piece) + "}}]}");
        }
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, "[DONE]");
    }

    private void stall(HttpExchange exchange, Stall stall, boolean stream) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, 0);
        if (stall.afterFirstChunk()) {
            event(exchange.getResponseBody(), "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Olá\"}}]}");
        }
        try {
            closing.await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
