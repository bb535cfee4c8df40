package io.kubezap.gateway.stats;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The gateway's database configured but down (nothing listens on its port): the stats answer a retryable 503, not 500,
 * and the gateway stays ready — its Service keeps routing to it (everything but the database's endpoints works).
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(StatsWithoutReachableDatabaseTest.DownDatabase.class)
class StatsWithoutReachableDatabaseTest {

    /** A JDBC URL to a port nothing listens on, as while PostgreSQL restarts. */
    public static class DownDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres",
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    KubernetesClient client;

    @BeforeEach
    void admin() {
        new Sessions(client).actAsAdmin();
    }

    @Test
    void theStatsAnswer503WithRetryAfterWhileTheDatabaseIsDown() {
        given().get("/api/v1/stats")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://kubezap.io/problems/database-unavailable"))
                .body("detail", containsString("SQLSTATE 08"));
    }

    @Test
    void theGatewayStaysReadyWhileTheDatabaseIsDown() {
        given().get(TestHTTPResourceManager.getManagementUri() + "/health/ready").then().statusCode(200);
    }
}
