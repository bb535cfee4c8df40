package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.SessionPodStandIn.Received;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Calls under a session reach its pod with the pod's own key; the caller's credentials never do. */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class SessionProxyTest {

    @Inject
    KubernetesClient client;

    Sessions sessions;

    @BeforeEach
    void setUp() {
        sessions = new Sessions(client);
        sessions.actAsAdmin();
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void aCallUnderASessionReachesItsPodWithThePodsKey() {
        sessions.applied("test", "proxied", Map.of());
        sessions.withApiKey("test", "proxied", SessionPodStandIn.POD_KEY);

        given().header("Authorization", "Bearer caller-credential")
                .queryParam("format", "raw")
                .get("/api/v1/sessions/proxied/qr")
                .then().statusCode(200)
                .body("code", equalTo("2@qr-from-the-pod"))
                .body("query", equalTo("format=raw"));

        assertThat(SessionPodStandIn.RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri()).isEqualTo("/api/v1/sessions/proxied/qr?format=raw");
            assertThat(r.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY);
            assertThat(r.authorization()).isNull();
        });
    }

    @Test
    void aSendInAnotherNamespaceCarriesItsBodyAndComesBackWithTheGatewaysLocation() {
        sessions.applied("shop", "sender", Map.of());
        sessions.withApiKey("shop", "sender", SessionPodStandIn.POD_KEY);

        given().contentType(ContentType.JSON).header("Idempotency-Key", "once")
                .body("{\"to\": \"5511999999999\", \"text\": \"hi\"}")
                .post("/api/v1/namespaces/shop/sessions/sender/messages")
                .then().statusCode(202)
                .header("Location", endsWith("/api/v1/namespaces/shop/sessions/sender/messages/m-1"))
                .body("received.text", equalTo("hi"));

        Received received = SessionPodStandIn.RECEIVED.getFirst();
        assertThat(received.uri()).isEqualTo("/api/v1/sessions/sender/messages");
        assertThat(received.body()).contains("\"text\": \"hi\"");
    }

    @Test
    void aMediaSendAsAFormReachesThePodWithItsConvertOptionAndFile() {
        sessions.applied("shop", "former", Map.of());
        sessions.withApiKey("shop", "former", SessionPodStandIn.POD_KEY);

        given().contentType(ContentType.MULTIPART).multiPart("to", "5511999999999").multiPart("type", "video")
                .multiPart("convert", "false").multiPart("file", "clip.webm", "webm-bytes-as-sent".getBytes(), "video/webm")
                .post("/api/v1/namespaces/shop/sessions/former/messages")
                .then().statusCode(202);

        Received received = SessionPodStandIn.RECEIVED.getFirst();
        assertThat(received.uri()).isEqualTo("/api/v1/sessions/former/messages");
        assertThat(received.body()).contains("name=\"convert\"", "name=\"file\"; filename=\"clip.webm\"", "webm-bytes-as-sent");
    }

    @Test
    void aVoiceNotesSoundAsMp3ComesBackThroughTheGatewayAsThePodServesIt() {
        sessions.applied("shop", "listener", Map.of());
        sessions.withApiKey("shop", "listener", SessionPodStandIn.POD_KEY);

        byte[] sound = given().queryParam("format", "mp3")
                .get("/api/v1/namespaces/shop/sessions/listener/messages/m-1/media")
                .then().statusCode(200).contentType("audio/mpeg").extract().asByteArray();

        assertThat(sound).isEqualTo(SessionPodStandIn.VOICE_AS_MP3);
        assertThat(SessionPodStandIn.RECEIVED.getFirst().uri()).isEqualTo("/api/v1/sessions/listener/messages/m-1/media?format=mp3");
    }

    @Test
    void aSendCarriesTheCallersTraceToThePod() {
        sessions.applied("shop", "traced", Map.of());
        sessions.withApiKey("shop", "traced", SessionPodStandIn.POD_KEY);

        given().contentType(ContentType.JSON).header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .body("{\"to\": \"5511999999999\", \"text\": \"hi\"}")
                .post("/api/v1/namespaces/shop/sessions/traced/messages")
                .then().statusCode(202);

        assertThat(SessionPodStandIn.RECEIVED.getFirst().traceparent()).as("the same trace (the gateway's span as parent when it exports)")
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
    }

    @Test
    void thePodsOwnErrorsPassThrough() {
        sessions.applied("test", "errs", Map.of());
        sessions.withApiKey("test", "errs", SessionPodStandIn.POD_KEY);

        given().get("/api/v1/sessions/errs/chats/nobody")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(SessionPodStandIn.RECEIVED).hasSize(1);
    }

    @Test
    void aSessionThatDoesNotExistIsNotProxied() {
        given().get("/api/v1/namespaces/test/sessions/ghost/qr")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/not-found"));
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    /**
     * Issue 35, item 5: a Secret where the session lives is the tenant's to write and read, and the gateway's RBAC has
     * no right there; even named and labelled as a key or its copy, it is never read.
     */
    @Test
    void aKeySecretWhereTheSessionLivesIsNeverRead() {
        sessions.applied("shop", "tenanted", Map.of());
        labelledAsACopy("shop", "tenanted-api-key", "shop", "tenanted", Map.of("kubezap.io/session-api-key", "true"));
        labelledAsACopy("shop", GatewayKeyCopy.name("shop", "tenanted"), "shop", "tenanted", Map.of());

        given().get("/api/v1/namespaces/shop/sessions/tenanted/qr")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString(GatewayKeyCopy.name("shop", "tenanted")))
                .body("detail", containsString("the gateway's namespace test"));
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    /** A Secret in the gateway's namespace under a session's copy name whose labels name another session is not its key. */
    @Test
    void aCopyIsReadOnlyForTheSessionItsLabelsName() {
        sessions.applied("test", "mislabelled", Map.of());
        labelledAsACopy("test", GatewayKeyCopy.name("test", "mislabelled"), "shop", "mislabelled", Map.of());

        given().get("/api/v1/sessions/mislabelled/qr").then().statusCode(503);
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    /** A Secret holding the pod's key, labelled as the operator labels the copy of session {@code of} of {@code ofNamespace}. */
    private void labelledAsACopy(String namespace, String name, String ofNamespace, String of, Map<String, String> moreLabels) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(moreLabels)
                .addToLabels(GatewayKeyCopy.LABEL, "true")
                .addToLabels(GatewayKeyCopy.NAMESPACE_LABEL, ofNamespace)
                .addToLabels(GatewayKeyCopy.SESSION_LABEL, of).endMetadata()
                .withStringData(Map.of("api-key", SessionPodStandIn.POD_KEY)).build()).create();
    }

    @Test
    void aSessionWithoutItsKeyYetIsUnavailable() {
        sessions.applied("test", "keyless", Map.of());

        given().post("/api/v1/sessions/keyless/restart")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/session-unavailable"));
        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }
}
