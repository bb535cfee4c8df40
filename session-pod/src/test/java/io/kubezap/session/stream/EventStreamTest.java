package io.kubezap.session.stream;

import io.kubezap.session.testing.Api;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.kubezap.session.webhook.WebhookTestProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Shares the webhook suite's profile, so both run in one application start. */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EventStreamTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";
    private static final Pattern FIELD = Pattern.compile("^(id|event|data):\\s?(.*)$");

    @TestHTTPResource("/api/v1/sessions/loja-01/events/stream")
    URI stream;

    @Inject
    SimulatedWhatsApp whatsapp;

    private final HttpClient http = HttpClient.newHttpClient();

    record SseEvent(long id, String type, String data) {
    }

    @BeforeEach
    void connected() {
        whatsapp.resetToConnected();
    }

    @Test
    void eventsArriveLiveFilteredByTypeAndResumeAfterLastEventId() throws Exception {
        SseEvent first;
        try (Subscription live = subscribe("?type=message.received", null)) {
            whatsapp.dropConnection();
            whatsapp.reconnect();
            String text = receive();
            first = live.next();
            assertThat(first.type()).isEqualTo("message.received");
            assertThat(first.data()).contains(text);
        }

        String missed = receive();
        String after = receive();
        try (Subscription resumed = subscribe("?type=message.received", first.id())) {
            SseEvent replayed = resumed.next();
            assertThat(replayed.data()).contains(missed);
            assertThat(replayed.id()).isGreaterThan(first.id());
            assertThat(resumed.next().data()).contains(after);
        }
    }

    @Test
    void theStreamTakesAWebhooksFilterAsQueryParametersAndRefusesABadOneNamingIt() throws Exception {
        String joao = "5511977776666@s.whatsapp.net";
        try (Subscription live = subscribe("?type=message.received&excludeChats=groups,5511988887777&direction=incoming", null)) {
            whatsapp.dropConnection();
            whatsapp.reconnect();
            receive();
            String text = "evento " + UUID.randomUUID();
            whatsapp.receive("WA" + UUID.randomUUID().toString().replace("-", ""), joao, text);
            SseEvent first = live.next();
            assertThat(first.data()).as("Maria's message, excluded, never comes").contains(text).contains(joao);
        }
        Api.authorized().queryParam("excludeChats", "everyone").get("/api/v1/sessions/loja-01/events/stream").then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("excludeChats[0]"));
    }

    @Test
    void aClientResumingFarBehindGetsEveryMissedEventInOrder() throws Exception {
        SseEvent mark;
        try (Subscription live = subscribe("?type=message.received", null)) {
            receive();
            mark = live.next();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            missed.add(receive());
        }

        try (Subscription resumed = subscribe("?type=message.received", mark.id())) {
            long previous = mark.id();
            for (String text : missed) {
                SseEvent replayed = resumed.next();
                assertThat(replayed.id()).isGreaterThan(previous);
                assertThat(replayed.data()).contains(text);
                previous = replayed.id();
            }
        }
    }

    @Test
    void withoutATypeFilterEveryNewEventIsStreamedButNotOlderOnes() throws Exception {
        String before = receive();
        try (Subscription live = subscribe("", null)) {
            whatsapp.dropConnection();
            SseEvent next = live.next();
            assertThat(next.type()).startsWith("session.");
            assertThat(next.data()).doesNotContain(before);
        }
    }

    @Test
    void theCatalogueListsEveryEventNameWithWhatItCarries() {
        Api.authorized().get("/api/v1/sessions/loja-01/events/types").then().statusCode(200)
                .body("items.find { it.type == 'message.received' }.emitted", org.hamcrest.Matchers.equalTo(true))
                .body("items.find { it.type == 'session.qr' }.data", org.hamcrest.Matchers.equalTo("{code, expiresAt}"))
                .body("items.find { it.type == 'group.update' }.emitted", org.hamcrest.Matchers.equalTo(true))
                .body("items.find { it.type == 'group.left' }.data", org.hamcrest.Matchers.equalTo("{group, by, at, reason (left, removed)}"))
                .body("items.find { it.type == 'message.edited' }.emitted", org.hamcrest.Matchers.equalTo(true))
                .body("items", org.hamcrest.Matchers.hasSize(io.kubezap.contract.EventCatalogue.ALL.size() + 1));
    }

    @Test
    void theStreamNeedsTheSessionKey() throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(stream).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private String receive() {
        String text = "evento " + UUID.randomUUID();
        whatsapp.receive("WA" + UUID.randomUUID().toString().replace("-", ""), MARIA, text);
        return text;
    }

    private Subscription subscribe(String query, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stream + query))
                .header("X-Api-Key", Api.KEY).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return new Subscription(response.body());
    }

    /** Reads SSE lines on a virtual thread and hands out whole events. */
    private static final class Subscription implements AutoCloseable {

        private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        private final Stream<String> lines;

        Subscription(Stream<String> lines) {
            this.lines = lines;
            Thread.ofVirtual().start(this::read);
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
                        java.util.Arrays.fill(current, null);
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
}
