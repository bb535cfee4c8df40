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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shares the webhook suite's profile, so both run in one application start. */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EventStreamTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";

    @TestHTTPResource("/api/v1/sessions/loja-01/events/stream")
    URI stream;

    @Inject
    SimulatedWhatsApp whatsapp;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connected() {
        whatsapp.resetToConnected();
    }

    @Test
    void eventsArriveLiveFilteredByTypeAndResumeAfterLastEventId() throws Exception {
        SseSubscription.SseEvent first;
        try (SseSubscription live = subscribe("?type=message.received", null)) {
            whatsapp.dropConnection();
            whatsapp.reconnect();
            String text = receive();
            first = live.next();
            assertThat(first.type()).isEqualTo("message.received");
            assertThat(first.data()).contains(text);
        }

        String missed = receive();
        String after = receive();
        try (SseSubscription resumed = subscribe("?type=message.received", first.id())) {
            SseSubscription.SseEvent replayed = resumed.next();
            assertThat(replayed.data()).contains(missed);
            assertThat(replayed.id()).isGreaterThan(first.id());
            assertThat(resumed.next().data()).contains(after);
        }
    }

    @Test
    void theStreamTakesAWebhooksFilterAsQueryParametersAndRefusesABadOneNamingIt() throws Exception {
        String joao = "5511977776666@s.whatsapp.net";
        try (SseSubscription live = subscribe("?type=message.received&excludeChats=groups,5511988887777&direction=incoming", null)) {
            whatsapp.dropConnection();
            whatsapp.reconnect();
            receive();
            String text = "evento " + UUID.randomUUID();
            whatsapp.receive("WA" + UUID.randomUUID().toString().replace("-", ""), joao, text);
            SseSubscription.SseEvent first = live.next();
            assertThat(first.data()).as("Maria's message, excluded, never comes").contains(text).contains(joao);
        }
        Api.authorized().queryParam("excludeChats", "everyone").get("/api/v1/sessions/loja-01/events/stream").then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("excludeChats[0]"));
    }

    @Test
    void aClientResumingFarBehindGetsEveryMissedEventInOrder() throws Exception {
        SseSubscription.SseEvent mark;
        try (SseSubscription live = subscribe("?type=message.received", null)) {
            receive();
            mark = live.next();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            missed.add(receive());
        }

        try (SseSubscription resumed = subscribe("?type=message.received", mark.id())) {
            long previous = mark.id();
            for (String text : missed) {
                SseSubscription.SseEvent replayed = resumed.next();
                assertThat(replayed.id()).isGreaterThan(previous);
                assertThat(replayed.data()).contains(text);
                previous = replayed.id();
            }
        }
    }

    @Test
    void withoutATypeFilterEveryNewEventIsStreamedButNotOlderOnes() throws Exception {
        String before = receive();
        try (SseSubscription live = subscribe("", null)) {
            whatsapp.dropConnection();
            SseSubscription.SseEvent next = live.next();
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

    private SseSubscription subscribe(String query, Long lastEventId) throws Exception {
        return SseSubscription.open(http, URI.create(stream + query), lastEventId);
    }
}
