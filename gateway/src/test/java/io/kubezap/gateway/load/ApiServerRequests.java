package io.kubezap.gateway.load;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.ServiceAccountReviews;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.restassured.RestAssured;

import java.util.Map;

/** Counts what the gateway asks the mock API server, around a session in "shop" whose pod is the stand-in. */
public final class ApiServerRequests {

    private ApiServerRequests() {
    }

    /** The admin key, the reviews of the test ServiceAccounts, and session {@code shop/name} with its pod key. */
    static void prepare(KubernetesClient client, KubernetesServer server, String name) {
        Sessions sessions = new Sessions(client);
        sessions.actAsAdmin();
        RestAssured.requestSpecification = null;
        ServiceAccountReviews.answerOn(server);
        if (sessions.get("shop", name) == null) {
            sessions.applied("shop", name, Map.of());
            sessions.withApiKey("shop", name, SessionPodStandIn.POD_KEY);
        }
    }

    /** The count once the informers' watches are open and nothing else is under way. */
    public static int quietCount(KubernetesServer server) throws InterruptedException {
        int count;
        do {
            count = server.getKubernetesMockServer().getRequestCount();
            Thread.sleep(300);
        } while (count != server.getKubernetesMockServer().getRequestCount());
        return count;
    }
}
