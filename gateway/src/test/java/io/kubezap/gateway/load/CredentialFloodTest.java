package io.kubezap.gateway.load;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Unknown keys and forged bearer tokens cost the API server a bounded number of requests, then nothing. */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@TestProfile(CredentialFloodTest.SmallBudget.class)
class CredentialFloodTest {

    private static final int BUDGET = 5;

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.gateway.auth-failures-per-client", Integer.toString(BUDGET),
                    "kubezap.gateway.auth-failure-refill", "PT1M");
        }
    }

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void setUp() {
        ApiServerRequests.prepare(client, server, "target");
    }

    @Test
    void aFloodOfWrongKeysAndForgedTokensReachesTheApiServerOnlyWithinItsBudget() throws InterruptedException {
        given().header("X-Api-Key", Sessions.ADMIN_KEY).get("/api/v1/namespaces/shop/sessions/target/qr")
                .then().statusCode(200);
        int before = ApiServerRequests.quietCount(server);

        int refused = 0;
        for (int i = 0; i < 200; i++) {
            var call = i % 2 == 0
                    ? given().header("X-Api-Key", "wrong-" + UUID.randomUUID())
                    : given().header("Authorization", "Bearer eyJ." + UUID.randomUUID() + ".forged");
            int status = call.get("/api/v1/namespaces/shop/sessions/target/qr").then().extract().statusCode();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        given().get("/api/v1/sessions").then().statusCode(401);

        assertThat(server.getKubernetesMockServer().getRequestCount() - before)
                .as("requests the flood made to the API server").isLessThanOrEqualTo(BUDGET);
        assertThat(refused).isGreaterThanOrEqualTo(200 - BUDGET);
        given().header("X-Api-Key", "wrong-again").get("/api/v1/sessions").then().statusCode(429)
                .header("Retry-After", "1")
                .body("type", equalTo("https://kubezap.io/problems/too-many-failed-authentications"));
        // a key the gateway already knows still works from the same address
        given().header("X-Api-Key", Sessions.ADMIN_KEY).get("/api/v1/namespaces/shop/sessions/target/qr")
                .then().statusCode(200);
    }
}
