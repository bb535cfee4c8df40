package io.kubezap.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of the gateway's event streams, as a program or a browser would hold one: what arrived, in order. */
final class StreamClient implements AutoCloseable {

    /** One event as received: its SSE {@code id} and {@code event} lines (WebSocket: from the JSON), the JSON, when. */
    record Received(String id, String name, JsonNode data, java.time.Instant arrivedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1, a connection per stream, as browsers and most clients hold event streams. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private AutoCloseable connection;
    private int status;

    /** Opens an SSE stream; the answer's status is {@link #status()}. */
    static StreamClient sse(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        StreamClient client = new StreamClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        client.status = response.statusCode();
        Stream<String> lines = response.body();
        client.connection = lines::close;
        Thread.ofVirtual().start(() -> client.parse(lines));
        return client;
    }

    /** Opens a WebSocket stream; a refused upgrade throws (its status is in the handshake exception). */
    static StreamClient webSocket(URI uri, Map<String, String> headers) {
        StreamClient client = new StreamClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(uri, client.listener()).join();
        client.status = 101;
        client.connection = () -> socket.abort();
        return client;
    }

    /** The status of a plain GET with these headers. */
    static int status(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int status() {
        return status;
    }

    /** The next event, or null when none came within {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Received> next(int count, Duration timeout) throws InterruptedException {
        List<Received> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            Received event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            events.add(event);
        }
        return events;
    }

    private void parse(Stream<String> lines) {
        String[] id = {null};
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        received.add(new Received(id[0], name[0], read(data.toString()), java.time.Instant.now()));
                    }
                    id[0] = null;
                    name[0] = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
                text.append(part);
                if (last) {
                    JsonNode event = read(text.toString());
                    received.add(new Received(event.path("id").asText(null), event.path("type").asText(null), event,
                            java.time.Instant.now()));
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }
        };
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
