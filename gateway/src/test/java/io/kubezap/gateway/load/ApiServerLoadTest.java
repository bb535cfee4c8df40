package io.kubezap.gateway.load;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.ServiceAccountReviews;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy caller costs the API server nothing once the gateway has warmed up: sessions, their pods' keys and the
 * gateway keys come from informers, token and access reviews from a short-lived cache.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class ApiServerLoadTest {

    private static final int CALLS = 1_000;

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void setUp() {
        ApiServerRequests.prepare(client, server, "busy");
    }

    @Test
    void aThousandProxiedCallsAfterWarmUpCostTheApiServerNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            keyHolderReads();
            keyHolderSends();
            serviceAccountReads();
            serviceAccountSends();
        }
        int before = ApiServerRequests.quietCount(server);

        List<Runnable> calls = List.of(this::keyHolderReads, this::keyHolderSends, this::serviceAccountReads,
                this::serviceAccountSends);
        try (ExecutorService callers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                done.add(callers.submit(calls.get(i % calls.size())));
            }
            for (Future<?> call : done) {
                call.get();
            }
        }

        assertThat(server.getKubernetesMockServer().getRequestCount() - before)
                .as("requests to the API server during %d proxied calls", CALLS).isZero();
    }

    private void keyHolderReads() {
        given().header("X-Api-Key", Sessions.ADMIN_KEY).get("/api/v1/namespaces/shop/sessions/busy/messages").then().statusCode(200);
    }

    private void keyHolderSends() {
        given().header("X-Api-Key", Sessions.ADMIN_KEY).contentType(ContentType.JSON).body("{\"to\": \"5511999999999\", \"text\": \"hi\"}")
                .post("/api/v1/namespaces/shop/sessions/busy/messages").then().statusCode(202);
    }

    private void serviceAccountReads() {
        given().header("Authorization", "Bearer " + ServiceAccountReviews.SA_TOKEN)
                .get("/api/v1/namespaces/shop/sessions/busy/messages").then().statusCode(200);
    }

    private void serviceAccountSends() {
        given().header("Authorization", "Bearer " + ServiceAccountReviews.SA_TOKEN)
                .contentType(ContentType.JSON).body("{\"to\": \"5511999999999\", \"text\": \"hi\"}")
                .post("/api/v1/namespaces/shop/sessions/busy/messages").then().statusCode(202);
    }
}
