package io.kubezap.session.tenancy;

import io.kubezap.session.testing.Api;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod's whole REST API with the database login a cluster gives it: its own session role under row-level security
 * (never the admin, no migrations of its own), next to two other tenants' rows. Every call answers without a
 * permission error or a 5xx, shows the session's own data, and nothing of the others.
 */
@QuarkusTest
@TestProfile(SessionRoleProfile.class)
class SessionRoleApiTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/api/v1/sessions/loja-01/events/stream")
    URI stream;

    @Test
    void theWholeApiWorksAsTheSessionRoleAndShowsNothingOfOtherTenants() throws Exception {
        assertThat(currentUser()).as("the pod logs in as its session role").isEqualTo(loginRole());
        whatsapp.resetToConnected();

        String state = ok(authorized().get(SESSION));
        assertThat(state).contains("\"phase\":\"Connected\"");

        Response sent = authorized().body("{\"to\":\"5511988887777\",\"text\":\"Olá, como posso ajudar?\"}")
                .post(SESSION + "/messages");
        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(202);
        String sentId = sent.path("id");
        await().atMost(PATIENCE).until(() -> "sent".equals(authorized().get(SESSION + "/messages/" + sentId).path("status")));
        String incoming = "quero saber o preço " + UUID.randomUUID();
        whatsapp.receive("WA" + UUID.randomUUID().toString().replace("-", ""), MARIA, incoming);
        await().atMost(PATIENCE).until(() -> authorized().get(SESSION + "/messages").asString().contains(incoming));

        List<String> bodies = new ArrayList<>();
        bodies.add(ok(authorized().get(SESSION + "/messages")));
        bodies.add(ok(authorized().get(SESSION + "/messages/" + sentId)));
        bodies.add(ok(authorized().queryParam("chat", MARIA).get(SESSION + "/messages")));
        bodies.add(ok(authorized().get(SESSION + "/chats")));
        bodies.add(ok(authorized().get(SESSION + "/chats/" + MARIA)));
        bodies.add(ok(authorized().get(SESSION + "/chats/" + MARIA + "/messages")));
        bodies.add(ok(authorized().get(SESSION + "/contacts")));
        bodies.add(ok(authorized().get(SESSION + "/events")));
        bodies.add(ok(authorized().queryParam("type", "message.received").get(SESSION + "/events")));
        bodies.add(ok(authorized().get(SESSION + "/events/types")));
        bodies.add(ok(authorized().get(SESSION + "/stats")));
        bodies.add(ok(authorized().get(SESSION)));
        await().atMost(PATIENCE).until(() -> authorized().get(SESSION + "/webhooks/deliveries")
                .<Integer>path("items.findAll { it.attempts > 0 }.size()") > 0);
        String deliveries = ok(authorized().get(SESSION + "/webhooks/deliveries"));
        bodies.add(deliveries);
        bodies.add(ok(authorized().body("{}").post(SESSION + "/webhooks/test")));

        assertThat(bodies.get(0)).contains(sentId).contains(incoming);
        assertThat(bodies.get(3)).contains(MARIA);
        assertThat(bodies.get(6)).contains(MARIA);
        assertThat(bodies.get(7)).contains("message.sent").contains(incoming);
        assertThat(bodies.get(10)).contains(sentId);
        assertThat(deliveries).contains(SessionRoleProfile.WEBHOOK_URL).contains("message.received");
        assertThat(bodies).allSatisfy(body -> assertThat(body)
                .doesNotContain(SessionRolePostgres.FOREIGN_TEXT)
                .doesNotContain("foreign-")
                .doesNotContain(SessionRolePostgres.FOREIGN_CHAT)
                .doesNotContain("hooks.example.com/other"));

        for (List<String> other : SessionRolePostgres.OTHERS) {
            String foreignId = "foreign-" + other.get(0) + "-" + other.get(1);
            assertThat(authorized().get(SESSION + "/messages/" + foreignId).statusCode()).isEqualTo(404);
            assertThat(authorized().get(SESSION + "/webhooks/deliveries/" + foreignId).statusCode()).isEqualTo(404);
            assertThat(authorized().post(SESSION + "/webhooks/deliveries/" + foreignId + "/retry").statusCode()).isEqualTo(404);
        }
        assertThat(authorized().get(SESSION + "/chats/" + SessionRolePostgres.FOREIGN_CHAT).statusCode()).isEqualTo(404);

        String deliveryId = authorized().get(SESSION + "/webhooks/deliveries").path("items[0].id");
        await().atMost(PATIENCE).until(() -> "failed".equals(authorized().get(SESSION + "/webhooks/deliveries/" + deliveryId).path("status")));
        Response retried = authorized().post(SESSION + "/webhooks/deliveries/" + deliveryId + "/retry");
        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(202);

        List<String> replayed = replayedEvents();
        assertThat(replayed).anyMatch(line -> line.contains(incoming))
                .noneMatch(line -> line.contains(SessionRolePostgres.FOREIGN_TEXT));

        Response wiped = authorized().delete(SESSION + "/messages");
        assertThat(wiped.statusCode()).as(wiped.asString()).isEqualTo(200);
        assertThat(ok(authorized().get(SESSION + "/messages"))).doesNotContain(sentId);
        try (Connection admin = SessionRolePostgres.admin(); Statement sql = admin.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from messages where id like 'foreign-%'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the other tenants' messages survive the wipe").isEqualTo(2);
        }
    }

    /** The body of a 2xx answer; anything else (a permission error surfaces as a 5xx) fails with the body. */
    private static String ok(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
        return response.asString();
    }

    /** The event stream from the beginning (Last-Event-ID 0), read for a while. */
    private List<String> replayedEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream).header("X-Api-Key", Api.KEY)
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0").GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
        await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains("message.received") || line.contains("quero saber")));
        try {
            reading.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            response.body().close();
        }
        return List.copyOf(lines);
    }

    /** The role the pod logs in with. */
    String loginRole() {
        return SessionRolePostgres.ROLE;
    }

    private String currentUser() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
