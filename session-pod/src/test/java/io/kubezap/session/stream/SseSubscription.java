package io.kubezap.session.stream;

import io.kubezap.session.testing.Api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An SSE client of the pod's event stream: reads its lines on a virtual thread and hands out whole events. */
final class SseSubscription implements AutoCloseable {

    private static final Pattern FIELD = Pattern.compile("^(id|event|data):\\s?(.*)$");

    /** One event as it came: {@code id} is the SSE id, where the client would resume. */
    record SseEvent(long id, String type, String data) {
    }

    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;

    private SseSubscription(Stream<String> lines) {
        this.lines = lines;
        Thread.ofVirtual().start(this::read);
    }

    /** Opens {@code stream} (with its query) with the session key; resumes after {@code lastEventId} unless null. */
    static SseSubscription open(HttpClient http, URI stream, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream)
                .header("X-Api-Key", Api.KEY).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return new SseSubscription(response.body());
    }

    private void read() {
        String[] current = new String[3];
        try {
            lines.forEach(line -> {
                Matcher m = FIELD.matcher(line);
                if (m.matches()) {
                    current[switch (m.group(1)) { case "id" -> 0; case "event" -> 1; default -> 2; }] = m.group(2);
                } else if (line.isEmpty() && current[0] != null) {
                    events.add(new SseEvent(Long.parseLong(current[0]), current[1], current[2]));
                    Arrays.fill(current, null);
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    SseEvent next() throws InterruptedException {
        SseEvent event = events.poll(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within 20 s").isNotNull();
        return event;
    }

    @Override
    public void close() {
        lines.close();
    }
}
