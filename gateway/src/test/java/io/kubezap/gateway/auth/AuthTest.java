package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.kubezap.gateway.ServiceAccountReviews;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Gateway keys with scopes, and ServiceAccount tokens checked by TokenReview and SubjectAccessReview (answered here
 * by the mock API server as a cluster with a Role granting get, list and send on whatsappsessions in "shop" would).
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class AuthTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SEND_KEY = "send-only-key";
    private static final String SHOP_KEY = "shop-admin-key";
    private static final String NAMED_KEY = "named-session-key";
    private static final String MANAGE_KEY = "shop-manage-key";
    private static final String SA_TOKEN = ServiceAccountReviews.SA_TOKEN;

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    Sessions sessions;

    @BeforeEach
    void setUp() {
        RestAssured.requestSpecification = null;
        sessions = new Sessions(client);
        sessions.gatewayKey("send-only", SEND_KEY, "send", "*", null);
        sessions.gatewayKey("shop-admin", SHOP_KEY, "admin", "shop", null);
        sessions.gatewayKey("one-session", NAMED_KEY, "admin", null, "shop/one");
        sessions.gatewayKey("shop-manage", MANAGE_KEY, "manage", "shop", null);
        sessions.gatewayKey("gateway-admin", Sessions.ADMIN_KEY, "admin", "*", null);
        for (String[] session : List.of(new String[]{"shop", "one"}, new String[]{"shop", "two"},
                new String[]{"back-office", "three"})) {
            if (sessions.get(session[0], session[1]) == null) {
                sessions.applied(session[0], session[1], Map.of());
                sessions.withApiKey(session[0], session[1], SessionPodStandIn.POD_KEY);
            }
        }
        ServiceAccountReviews.answerOn(server);
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void withoutCredentialsNothingIsServed() {
        given().get("/api/v1/sessions").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://kubezap.io/problems/unauthorized"));
        given().header("X-Api-Key", "not-a-key").get("/api/v1/sessions/one/qr").then().statusCode(401);
        given().header("Authorization", "Bearer " + SEND_KEY + "x").get("/api/v1/sessions").then().statusCode(401);
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void aSendOnlyKeyReadsAndSendsButCannotManageSessions() {
        RequestSpecification asSender = given().header("Authorization", "Bearer " + SEND_KEY);

        assertThat(names(asSender.get("/api/v1/sessions"))).contains("shop/one", "shop/two", "back-office/three");
        given().header("X-Api-Key", SEND_KEY).contentType(ContentType.JSON).body("{\"to\": \"5511\", \"text\": \"hi\"}")
                .post("/api/v1/namespaces/shop/sessions/one/messages").then().statusCode(202);

        given().header("X-Api-Key", SEND_KEY).delete("/api/v1/namespaces/shop/sessions/one")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://kubezap.io/problems/forbidden"));
        given().header("X-Api-Key", SEND_KEY).contentType(ContentType.JSON).body("{\"suspend\": true}")
                .patch("/api/v1/namespaces/shop/sessions/one").then().statusCode(403);
        given().header("X-Api-Key", SEND_KEY).contentType(ContentType.JSON).body("{\"name\": \"new-one\"}")
                .post("/api/v1/sessions").then().statusCode(403);

        assertThat(sessions.get("shop", "one")).isNotNull();
        assertThat(sessions.get("shop", "one").getSpec().suspended()).isFalse();
        assertThat(sessions.get("test", "new-one")).isNull();
    }

    @Test
    void aSendOnlyKeyCannotUnlinkTheAccountNorPairAnotherNumber() {
        for (String path : List.of("logout", "restart", "pairing-code", "messages/../logout", "./pairing-code",
                "logout;x=1", "Logout/", "pairing/passkey")) {
            // sent as written: encoded, the ';' of logout;x=1 would be data (400 ambiguous-path), not a parameter
            given().urlEncodingEnabled(false).header("X-Api-Key", SEND_KEY).contentType(ContentType.JSON)
                    .body("{\"phoneNumber\": \"5511977776666\"}")
                    .post("/api/v1/namespaces/shop/sessions/one/" + path).then().statusCode(403).contentType(PROBLEM);
        }
        given().header("Authorization", "Bearer " + SA_TOKEN).post("/api/v1/namespaces/shop/sessions/one/logout")
                .then().statusCode(403);

        assertThat(SessionPodStandIn.RECEIVED).as("what reached the pod").isEmpty();
    }

    @Test
    void aManageKeyPairsButCannotDeleteSessions() {
        given().header("X-Api-Key", MANAGE_KEY).contentType(ContentType.JSON).body("{\"phoneNumber\": \"5511977776666\"}")
                .post("/api/v1/namespaces/shop/sessions/one/pairing-code").then().statusCode(200)
                .body("code", equalTo(SessionPodStandIn.PAIRING_CODE));
        given().header("X-Api-Key", MANAGE_KEY).post("/api/v1/namespaces/back-office/sessions/three/logout")
                .then().statusCode(403);
        given().header("X-Api-Key", MANAGE_KEY).delete("/api/v1/namespaces/shop/sessions/one").then().statusCode(403);

        assertThat(sessions.get("shop", "one")).isNotNull();
    }

    @Test
    void aNamespaceScopedKeySeesAndManagesOnlyItsNamespace() {
        assertThat(names(given().header("X-Api-Key", SHOP_KEY).get("/api/v1/sessions")))
                .contains("shop/one", "shop/two").doesNotContain("back-office/three");
        assertThat(names(given().header("X-Api-Key", SHOP_KEY).queryParam("namespace", "back-office")
                .get("/api/v1/sessions"))).isEmpty();

        given().header("X-Api-Key", SHOP_KEY).get("/api/v1/namespaces/back-office/sessions/three")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("X-Api-Key", SHOP_KEY).get("/api/v1/namespaces/back-office/sessions/three/qr")
                .then().statusCode(403);
        given().header("X-Api-Key", SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"intruder\", \"namespace\": \"back-office\"}")
                .post("/api/v1/sessions").then().statusCode(403);
        given().header("X-Api-Key", SHOP_KEY).get("/api/v1/namespaces/shop/sessions/two/qr")
                .then().statusCode(200);

        assertThat(sessions.get("back-office", "intruder")).isNull();
        assertThat(SessionPodStandIn.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.uri()).isEqualTo("/api/v1/sessions/two/qr"));
    }

    /** The QR and the pairing code link a phone to the session's number: reading them takes manage, like linking. */
    @Test
    void onlyAKeyThatMayManageASessionReadsTheCodesThatLinkAPhone() {
        given().header("X-Api-Key", SEND_KEY).get("/api/v1/namespaces/shop/sessions/two/qr")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("X-Api-Key", SEND_KEY).get("/api/v1/namespaces/shop/sessions/two/pairing-code")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("X-Api-Key", SEND_KEY).get("/api/v1/namespaces/shop/sessions/two")
                .then().statusCode(200).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("qr")));
        assertThat(SessionPodStandIn.RECEIVED).as("nothing reached the pod for the send key").isEmpty();

        given().header("X-Api-Key", MANAGE_KEY).get("/api/v1/namespaces/shop/sessions/two/qr")
                .then().statusCode(200);
        assertThat(SessionPodStandIn.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.uri()).isEqualTo("/api/v1/sessions/two/qr"));
    }

    @Test
    void aKeyForNamedSessionsReachesOnlyThose() {
        assertThat(names(given().header("X-Api-Key", NAMED_KEY).get("/api/v1/sessions")))
                .containsExactly("shop/one");
        given().header("X-Api-Key", NAMED_KEY).get("/api/v1/namespaces/shop/sessions/one").then().statusCode(200);
        given().header("X-Api-Key", NAMED_KEY).get("/api/v1/namespaces/shop/sessions/two").then().statusCode(403);
    }

    @Test
    void aTokenIssuedForTheApiServerIsNotAcceptedHere() {
        given().header("Authorization", "Bearer " + ServiceAccountReviews.API_SERVER_TOKEN).get("/api/v1/sessions")
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + ServiceAccountReviews.API_SERVER_TOKEN).contentType(ContentType.JSON)
                .body("{\"text\": \"x\"}").post("/api/v1/namespaces/shop/sessions/one/messages").then().statusCode(401);

        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void aServiceAccountTokenIsAuthorizedByTheApiServer() {
        RequestSpecification asClient = given().header("Authorization", "Bearer " + SA_TOKEN);
        assertThat(names(asClient.get("/api/v1/sessions"))).contains("shop/one", "shop/two")
                .doesNotContain("back-office/three");

        given().header("Authorization", "Bearer " + SA_TOKEN).get("/api/v1/namespaces/shop/sessions/one")
                .then().statusCode(200).body("name", equalTo("one"));
        given().header("Authorization", "Bearer " + SA_TOKEN).contentType(ContentType.JSON).body("{\"text\": \"x\"}")
                .post("/api/v1/namespaces/shop/sessions/one/messages").then().statusCode(202);
        given().header("Authorization", "Bearer " + SA_TOKEN).delete("/api/v1/namespaces/shop/sessions/one")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + SA_TOKEN).get("/api/v1/namespaces/back-office/sessions/three")
                .then().statusCode(403);
        given().header("Authorization", "Bearer eyJ.someone-else.sig").get("/api/v1/sessions")
                .then().statusCode(401).contentType(PROBLEM);

        assertThat(sessions.get("shop", "one")).isNotNull();
        assertThat(SessionPodStandIn.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY));
    }

    @Test
    void plainGetOnASessionDoesNotReadWhatItHolds() {
        RequestSpecification asViewer = given().header("Authorization", "Bearer " + ServiceAccountReviews.VIEWER_TOKEN);
        asViewer.get("/api/v1/namespaces/shop/sessions/one").then().statusCode(200).body("name", equalTo("one"));
        // view's get shows the session, not the QR that would link the viewer's phone to its number (manage does)
        given().header("Authorization", "Bearer " + ServiceAccountReviews.VIEWER_TOKEN)
                .get("/api/v1/namespaces/shop/sessions/one/qr").then().statusCode(403);
        SessionPodStandIn.RECEIVED.clear();

        for (String held : List.of("messages", "chats", "contacts", "messages/m-1/media", "events", "webhooks/deliveries",
                "stats", "./messages", "qr/../messages", "QR/../chats")) {
            given().header("Authorization", "Bearer " + ServiceAccountReviews.VIEWER_TOKEN)
                    .get("/api/v1/namespaces/shop/sessions/one/" + held).then().statusCode(403).contentType(PROBLEM);
        }
        given().header("Authorization", "Bearer " + ServiceAccountReviews.VIEWER_TOKEN)
                .queryParam("namespace", "shop").get("/api/v1/events/stream").then().statusCode(403);
        given().header("Authorization", "Bearer " + ServiceAccountReviews.VIEWER_TOKEN)
                .queryParam("session", "shop/one").get("/api/v1/stats").then().statusCode(403);

        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
        // the same reads with the dedicated verb
        given().header("Authorization", "Bearer " + SA_TOKEN).get("/api/v1/namespaces/shop/sessions/one/chats/nobody")
                .then().statusCode(404);
        assertThat(SessionPodStandIn.RECEIVED).hasSize(1);
    }

    @Test
    void anAdminKeyIsToldItMayDoEverything() {
        assertThat(allowedOn("X-Api-Key", Sessions.ADMIN_KEY, "back-office", "three"))
                .containsExactly("get", "read-messages", "send", "manage", "patch", "delete");
        assertThat(allowedIn("X-Api-Key", Sessions.ADMIN_KEY, "back-office"))
                .containsExactly("list", "get", "read-messages", "send", "manage", "create", "patch", "delete");
    }

    @Test
    void aNamespaceKeyIsToldItMayDoEverythingThereAndNothingElsewhere() {
        assertThat(allowedOn("X-Api-Key", SHOP_KEY, "shop", "one"))
                .containsExactly("get", "read-messages", "send", "manage", "patch", "delete");
        assertThat(allowedIn("X-Api-Key", SHOP_KEY, "shop")).contains("create", "delete");
        assertThat(allowedIn("X-Api-Key", SHOP_KEY, "back-office")).isEmpty();
    }

    @Test
    void aSendKeyIsToldItMayReadAndSendOnly() {
        assertThat(allowedOn("X-Api-Key", SEND_KEY, "shop", "one")).containsExactly("get", "read-messages", "send");
        assertThat(allowedIn("X-Api-Key", SEND_KEY, "shop")).containsExactly("list", "get", "read-messages", "send");
    }

    @Test
    void aManageKeyIsToldItMayPairButNotChangeTheResource() {
        assertThat(allowedOn("X-Api-Key", MANAGE_KEY, "shop", "one"))
                .containsExactly("get", "read-messages", "send", "manage");
        assertThat(allowedIn("X-Api-Key", MANAGE_KEY, "shop")).doesNotContain("create", "patch", "delete");
    }

    @Test
    void aServiceAccountIsToldWhatItsRolesGrantAsTheApiServerAnswers() {
        String viewer = "Bearer " + ServiceAccountReviews.VIEWER_TOKEN;
        assertThat(allowedOn("Authorization", viewer, "shop", "one")).containsExactly("get");
        assertThat(allowedIn("Authorization", viewer, "shop")).containsExactly("list", "get");
        assertThat(allowedIn("Authorization", viewer, "back-office")).isEmpty();
        assertThat(allowedOn("Authorization", "Bearer " + SA_TOKEN, "shop", "one"))
                .containsExactly("get", "read-messages", "send");
    }

    @Test
    void theSessionAnsweredToAPatchSaysWhatTheCallerMayDo() {
        List<String> allowed = given().header("X-Api-Key", SHOP_KEY).contentType("application/merge-patch+json")
                .body("{\"displayName\": \"Loja\"}").patch("/api/v1/namespaces/shop/sessions/two")
                .then().statusCode(200).extract().path("allowed");
        assertThat(allowed).contains("patch", "delete");
    }

    private static List<String> allowedOn(String header, String credential, String namespace, String name) {
        return given().header(header, credential).get("/api/v1/namespaces/" + namespace + "/sessions/" + name)
                .then().statusCode(200).extract().path("allowed");
    }

    private static List<String> allowedIn(String header, String credential, String namespace) {
        return given().header(header, credential).queryParam("namespace", namespace).get("/api/v1/access")
                .then().statusCode(200).body("namespace", equalTo(namespace)).extract().path("allowed");
    }

    private static List<String> names(io.restassured.response.Response response) {
        response.then().statusCode(200);
        List<Map<String, Object>> items = response.then().extract().path("items");
        return items.stream().map(i -> i.get("namespace") + "/" + i.get("name")).toList();
    }
}
