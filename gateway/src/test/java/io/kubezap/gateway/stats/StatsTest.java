package io.kubezap.gateway.stats;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Global stats over the sessions' resources (phases) and the database they write (messages, webhook deliveries). */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class StatsTest {

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void rows() {
        Duration now = Duration.ZERO;
        Duration twoDaysAgo = Duration.ofDays(2);
        GatewayDatabase.message("figures", "one", "m1", "in", "received", "old", twoDaysAgo);
        GatewayDatabase.message("figures", "one", "m2", "out", "delivered", "out today", Duration.ofMinutes(3));
        GatewayDatabase.message("figures", "one", "m3", "out", "failed", "failed today", Duration.ofMinutes(2));
        GatewayDatabase.message("figures", "two", "m4", "in", "received", "newest", Duration.ofMinutes(1));
        GatewayDatabase.message("elsewhere", "three", "m5", "in", "received", "not yours", now);
        GatewayDatabase.webhookDelivery("figures", "one", "pending");
        GatewayDatabase.webhookDelivery("figures", "two", "failed");
        GatewayDatabase.webhookDelivery("figures", "two", "delivered");
        GatewayDatabase.webhookDelivery("elsewhere", "three", "pending");
    }

    @BeforeEach
    void sessions() {
        Sessions sessions = new Sessions(client);
        sessions.actAsAdmin();
        sessions.gatewayKey("figures-reader", "figures-key", "send-only", "figures", null);
        if (sessions.get("figures", "one") == null) {
            sessions.applied("figures", "one", Map.of());
            sessions.inPhase("figures", "one", SessionPhase.Connected);
            sessions.applied("figures", "two", Map.of());
            sessions.inPhase("figures", "two", SessionPhase.WaitingForQR);
            sessions.applied("elsewhere", "three", Map.of());
            sessions.inPhase("elsewhere", "three", SessionPhase.Connected);
        }
    }

    @Test
    void aNamespaceKeyCountsItsNamespaceOnly() {
        RestAssured.requestSpecification = null;
        given().header("X-Api-Key", "figures-key").get("/api/v1/stats")
                .then().statusCode(200)
                .body("sessions.total", equalTo(2))
                .body("sessions.byPhase.Connected", equalTo(1))
                .body("sessions.byPhase.WaitingForQR", equalTo(1))
                .body("messages.total.in", equalTo(2))
                .body("messages.total.out", equalTo(2))
                .body("messages.total.failed", equalTo(1))
                .body("messages.last24h.in", equalTo(1))
                .body("messages.last24h.out", equalTo(2))
                .body("webhooks.pending", equalTo(1))
                .body("webhooks.failed", equalTo(1))
                .body("latest.id", contains("m4", "m3", "m2", "m1"))
                .body("latest[0].session", equalTo("two"))
                .body("latest[0].text", equalTo("newest"));
        given().header("X-Api-Key", "figures-key").queryParam("namespace", "elsewhere").get("/api/v1/stats")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anAdminKeyCountsEverySession() {
        given().get("/api/v1/stats")
                .then().statusCode(200)
                .body("sessions.total", equalTo(3))
                .body("messages.total.in", equalTo(3))
                .body("messages.total.out", equalTo(2))
                .body("webhooks.pending", equalTo(2))
                .body("latest.id", contains("m5", "m4", "m3", "m2", "m1"));
    }

    @Test
    void namedSessionsNarrowTheFigures() {
        given().queryParam("session", "figures/two,elsewhere/three").queryParam("latest", 1).get("/api/v1/stats")
                .then().statusCode(200)
                .body("sessions.total", equalTo(2))
                .body("messages.total.in", equalTo(2))
                .body("messages.total.out", equalTo(0))
                .body("webhooks.pending", equalTo(1))
                .body("latest.id", contains("m5"));
        given().queryParam("latest", 1000).get("/api/v1/stats")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
