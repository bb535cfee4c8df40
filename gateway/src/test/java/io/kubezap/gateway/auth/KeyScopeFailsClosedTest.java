package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 35, item 16: a key Secret whose scope is empty or misspelled ({@code namespace:} for {@code namespaces:},
 * {@code session:}, a blank list) reaches no session at all; only {@code namespaces: "*"} says "every session".
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class KeyScopeFailsClosedTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        RestAssured.requestSpecification = null;
        Sessions sessions = new Sessions(client);
        for (String[] session : List.of(new String[]{"shop", "one"}, new String[]{"back-office", "three"})) {
            if (sessions.get(session[0], session[1]) == null) {
                sessions.applied(session[0], session[1], Map.of());
                sessions.withApiKey(session[0], session[1], SessionPodStandIn.POD_KEY);
            }
        }
        SessionPodStandIn.RECEIVED.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"namespace=shop", "session=shop/one", "namespaces=", "namespaces= , ", "sessions=,"})
    void aKeyWhoseScopeIsEmptyOrMisspelledReachesNoSession(String scope) {
        String key = keySecret(scope);

        assertThat(names(given().header("X-Api-Key", key).get("/api/v1/sessions"))).isEmpty();
        given().header("X-Api-Key", key).get("/api/v1/namespaces/back-office/sessions/three").then().statusCode(403);
        given().header("X-Api-Key", key).get("/api/v1/namespaces/back-office/sessions/three/messages").then().statusCode(403);
        given().header("X-Api-Key", key).get("/api/v1/namespaces/shop/sessions/one/messages").then().statusCode(403);
        given().header("X-Api-Key", key).get("/api/v1/stats").then().statusCode(403);
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"namespaces=*", "namespaces= * "})
    void aStarIsWhatReachesEverySession(String scope) {
        String key = keySecret(scope);

        assertThat(names(given().header("X-Api-Key", key).get("/api/v1/sessions"))).contains("shop/one", "back-office/three");
        given().header("X-Api-Key", key).get("/api/v1/namespaces/back-office/sessions/three/messages").then().statusCode(200);
    }

    /** A send key with the given {@code name=value} scope entry; its key. */
    private String keySecret(String scope) {
        String name = "scope-" + Integer.toHexString(scope.hashCode());
        String key = "key-" + name;
        String[] entry = scope.split("=", 2);
        if (client.secrets().inNamespace("test").withName(name).get() == null) {
            client.secrets().inNamespace("test").resource(new SecretBuilder()
                    .withNewMetadata().withNamespace("test").withName(name)
                    .addToLabels(GatewayKeys.LABEL, "true").endMetadata()
                    .withStringData(Map.of("key", key, "role", "send", entry[0], entry[1])).build()).create();
        }
        return key;
    }

    private static List<String> names(Response response) {
        response.then().statusCode(200);
        List<Map<String, Object>> items = response.then().extract().path("items");
        return items.stream().map(i -> i.get("namespace") + "/" + i.get("name")).toList();
    }
}
