package io.kubezap.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A session pod that streams: {@code …/events/ws} (a WebSocket that greets and echoes), {@code …/media/big} (a large
 * body whose rest it sends only once the test has seen the first part arrive through the gateway), {@code
 * …/messages/{id}/media} (a download that never ends), {@code …/events}
 * (a stream that never ends) and {@code …/slow} (never answers). Only the pod key {@value #POD_KEY} is let in.
 */
public class StreamingPodStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String POD_KEY = "streaming-pod-key";
    public static final int CHUNK = 1 << 20;
    public static final int CHUNKS = 64;
    /** Completed by the test once the first chunk of the big download reached it through the gateway. */
    public static volatile CompletableFuture<Void> firstChunkArrived = new CompletableFuture<>();
    /** Each request that reached the stand-in: method, URI, X-Api-Key, Authorization. */
    public static final List<List<String>> RECEIVED = new CopyOnWriteArrayList<>();

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::answer);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kubezap.gateway.session-url", "http://127.0.0.1:" + server.actualPort());
    }

    private void answer(HttpServerRequest request) {
        RECEIVED.add(List.of(request.method().name(), request.uri(), String.valueOf(request.getHeader("X-Api-Key")),
                String.valueOf(request.getHeader("Authorization"))));
        if (!POD_KEY.equals(request.getHeader("X-Api-Key"))) {
            request.response().setStatusCode(401).end();
            return;
        }
        String path = request.path();
        if (path.endsWith("/events/ws")) {
            request.toWebSocket().onSuccess(socket -> {
                socket.writeTextMessage("hello");
                socket.textMessageHandler(text -> socket.writeTextMessage("echo:" + text));
            });
        } else if (path.endsWith("/media/big")) {
            var response = request.response().putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Content-Length", Long.toString((long) CHUNK * CHUNKS));
            response.write(Buffer.buffer(new byte[CHUNK]));
            firstChunkArrived.whenComplete((ok, failed) -> vertx.runOnContext(go -> {
                for (int i = 1; i < CHUNKS; i++) {
                    response.write(Buffer.buffer(new byte[CHUNK]));
                }
                response.end();
            }));
        } else if (path.matches(".*/messages/[^/]+/media$")) {
            // a message's file that takes its time: the download stays open until the caller closes it
            request.response().setChunked(true).putHeader("Content-Type", "video/mp4").write(Buffer.buffer(new byte[1024]));
        } else if (path.endsWith("/events")) {
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream").write(": open\n\n");
        } else if (!path.endsWith("/slow")) {
            request.response().setStatusCode(404).end();
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
