package io.kubezap.gateway.session;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PairingMethod;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Sessions as a REST resource over the WhatsAppSession resources of the (mock) API server. */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class SessionApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    KubernetesClient client;

    Sessions sessions;

    @BeforeEach
    void setUp() {
        sessions = new Sessions(client);
        sessions.actAsAdmin();
    }

    @Test
    void createMakesTheResourceAndAnswers201WithItsLocation() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "loja-01", "namespace": "shop", "labels": {"team": "sales"},
                         "displayName": "Loja Centro", "pairing": {"method": "PairingCode", "phoneNumber": "5511999999999"},
                         "webhooks": [{"url": "https://hooks.example.com/wa", "events": ["message.received"]}],
                         "sendRateLimit": {"perMinute": 20}}""")
                .post("/api/v1/sessions")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/namespaces/shop/sessions/loja-01"))
                .body("name", equalTo("loja-01"))
                .body("namespace", equalTo("shop"))
                .body("phase", equalTo("Pending"))
                .body("displayName", equalTo("Loja Centro"));

        WhatsAppSession stored = sessions.get("shop", "loja-01");
        assertThat(stored.getSpec().getDisplayName()).isEqualTo("Loja Centro");
        assertThat(stored.getSpec().getPairing().getMethod()).isEqualTo(PairingMethod.PairingCode);
        assertThat(stored.getSpec().getWebhooks()).singleElement()
                .satisfies(w -> assertThat(w.getEvents()).containsExactly("message.received"));
        assertThat(stored.getSpec().effectiveSendRatePerMinute()).isEqualTo(20);
        assertThat(stored.getMetadata().getLabels()).containsEntry("team", "sales");
    }

    @Test
    void createWithoutNamespaceGoesToTheDefaultNamespace() {
        given().contentType(ContentType.JSON).body("{\"name\": \"default-ns\"}")
                .post("/api/v1/sessions")
                .then().statusCode(201).header("Location", endsWith("/api/v1/namespaces/test/sessions/default-ns"));
        assertThat(sessions.get("test", "default-ns")).isNotNull();
    }

    @Test
    void creatingASessionThatExistsIsAConflict() {
        sessions.applied("shop", "taken", Map.of());

        given().contentType(ContentType.JSON).body("{\"name\": \"taken\", \"namespace\": \"shop\", \"displayName\": \"x\"}")
                .post("/api/v1/sessions")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://kubezap.io/problems/session-exists"))
                .body("detail", containsString("taken"));
        assertThat(sessions.get("shop", "taken").getSpec().getDisplayName()).isNull();
    }

    @Test
    void createIsValidatedAsTheCrdValidates() {
        rejected("{\"name\": \"a\", \"pairing\": {\"method\": \"PairingCode\"}}", "pairing",
                "phoneNumber is required when pairing.method is PairingCode");
        rejected("{\"name\": \"b\", \"pairing\": {\"phoneNumber\": \"+5511999999999\"}}", "pairing.phoneNumber",
                "^[0-9]{8,15}$");
        rejected("{\"name\": \"c\", \"webhooks\": [{\"url\": \"ftp://x\"}]}", "webhooks[0].url", "https?");
        rejected("{\"name\": \"d\", \"webhooks\": [{\"url\": \"https://x\", \"events\": [\"message.nope\"]}]}",
                "webhooks[0].events", "unknown event type");
        rejected("{\"name\": \"e\", \"sendRateLimit\": {\"perMinute\": 0}}", "sendRateLimit.perMinute", "1");
        rejected("{\"name\": \"1-starts-with-digit\"}", "name", "start with a letter");
        rejected("{\"name\": \"f\", \"displayNam\": \"typo\"}", "displayNam", "not a field");
        rejected("{\"displayName\": \"no name\"}", "name", "required");

        assertThat(client.resources(WhatsAppSession.class).inNamespace("test").withName("a").get()).isNull();
    }

    private static void rejected(String body, String field, String messagePart) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/sessions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://kubezap.io/problems/validation-failed"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(messagePart));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/sessions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://kubezap.io/problems/malformed-json"));
    }

    @Test
    void listFiltersByNamespacePhaseAndLabels() {
        sessions.applied("list-a", "alpha", Map.of("desk", "sales"));
        sessions.applied("list-a", "bravo", Map.of("desk", "support"));
        sessions.applied("list-b", "charlie", Map.of("desk", "sales"));
        sessions.inPhase("list-a", "alpha", SessionPhase.Connected);
        sessions.inPhase("list-b", "charlie", SessionPhase.WaitingForQR);

        assertThat(names(given().queryParam("namespace", "list-a").get("/api/v1/sessions")))
                .containsExactly("list-a/alpha", "list-a/bravo");
        assertThat(names(given().queryParam("labelSelector", "desk=sales").get("/api/v1/sessions")))
                .containsExactly("list-a/alpha", "list-b/charlie");
        assertThat(names(given().queryParam("phase", "WaitingForQR").queryParam("labelSelector", "desk=sales").get("/api/v1/sessions")))
                .containsExactly("list-b/charlie");
        assertThat(names(given().queryParam("phase", "Pending").queryParam("namespace", "list-a")
                .get("/api/v1/sessions"))).containsExactly("list-a/bravo");

        given().queryParam("namespace", "list-a").get("/api/v1/sessions")
                .then().statusCode(200)
                .body("items.find { it.name == 'alpha' }.phase", equalTo("Connected"))
                .body("items.find { it.name == 'alpha' }.labels.desk", equalTo("sales"));
        given().queryParam("phase", "Asleep").get("/api/v1/sessions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("phase"));
    }

    @Test
    void listPagesThroughEverySessionOnce() {
        for (String name : List.of("p1", "p2", "p3", "p4", "p5")) {
            sessions.applied("paging", name, Map.of());
        }
        var first = given().queryParam("namespace", "paging").queryParam("limit", 2).get("/api/v1/sessions");
        assertThat(names(first)).containsExactly("paging/p1", "paging/p2");
        String next = first.then().extract().path("continue");
        var second = given().queryParam("namespace", "paging").queryParam("limit", 2).queryParam("continue", next)
                .get("/api/v1/sessions");
        assertThat(names(second)).containsExactly("paging/p3", "paging/p4");
        var last = given().queryParam("namespace", "paging").queryParam("limit", 2)
                .queryParam("continue", second.then().extract().<String>path("continue")).get("/api/v1/sessions");
        assertThat(names(last)).containsExactly("paging/p5");
        last.then().body("continue", nullValue());

        given().queryParam("limit", 0).get("/api/v1/sessions").then().statusCode(400).contentType(PROBLEM);
    }

    private static List<String> names(io.restassured.response.Response response) {
        response.then().statusCode(200);
        List<Map<String, Object>> items = response.then().extract().path("items");
        return items.stream().map(i -> i.get("namespace") + "/" + i.get("name")).toList();
    }

    @Test
    void getShowsTheSessionWithItsStatusInEitherUrlForm() {
        sessions.applied("test", "getme", Map.of());
        sessions.inPhase("test", "getme", SessionPhase.WaitingForQR);

        given().get("/api/v1/namespaces/test/sessions/getme")
                .then().statusCode(200).body("name", equalTo("getme")).body("phase", equalTo("WaitingForQR"));
        given().get("/api/v1/sessions/getme")
                .then().statusCode(200).body("namespace", equalTo("test")).body("phase", equalTo("WaitingForQR"));
        given().get("/api/v1/namespaces/elsewhere/sessions/getme")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://kubezap.io/problems/not-found"));
    }

    @Test
    void patchEditsSpecFieldsOnlyAndValidatesTheResult() {
        sessions.applied("test", "patchme", Map.of());

        given().contentType("application/merge-patch+json")
                .body("{\"suspend\": true, \"displayName\": \"Night shift\", \"storage\": {\"size\": \"2Gi\"}}")
                .patch("/api/v1/sessions/patchme")
                .then().statusCode(200).body("spec.suspend", equalTo(true)).body("displayName", equalTo("Night shift"));
        WhatsAppSession patched = sessions.get("test", "patchme");
        assertThat(patched.getSpec().suspended()).isTrue();
        assertThat(patched.getSpec().getStorage().getSize()).isEqualTo("2Gi");

        given().contentType(ContentType.JSON).body("{\"displayName\": null}")
                .patch("/api/v1/namespaces/test/sessions/patchme").then().statusCode(200);
        assertThat(sessions.get("test", "patchme").getSpec().getDisplayName()).isNull();

        given().contentType(ContentType.JSON).body("{\"name\": \"renamed\"}")
                .patch("/api/v1/sessions/patchme")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        // a transition rule of the CRD: a volume never shrinks
        given().contentType(ContentType.JSON).body("{\"storage\": {\"size\": \"1Gi\"}}")
                .patch("/api/v1/sessions/patchme")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("storage.size"))
                .body("errors[0].message", containsString("cannot shrink"));
        assertThat(sessions.get("test", "patchme").getSpec().getStorage().getSize()).isEqualTo("2Gi");
        given().contentType(ContentType.JSON).body("{\"suspend\": true}")
                .patch("/api/v1/sessions/nobody").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void deleteRemovesTheResource() {
        sessions.applied("test", "deleteme", Map.of());

        given().delete("/api/v1/namespaces/test/sessions/deleteme").then().statusCode(202);

        assertThat(sessions.get("test", "deleteme")).isNull();
        given().delete("/api/v1/sessions/deleteme").then().statusCode(404).contentType(PROBLEM);
    }
}
