package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.kubezap.gateway.load.ApiServerRequests;
import io.kubezap.gateway.session.SessionCatalog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * With objects as a real API server stores them (managedFields, a GitOps tool's annotations, a gateway key applied by
 * kubectl) and the gateway's caches pruned to what it reads ({@link PrunedObjects}), the gateway still shows a session
 * whole, routes a call to its pod with the key of the session's copy, authenticates a gateway key, and follows both
 * keys when they are rotated.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class PrunedCachesTest {

    private static final String GATEWAY_NAMESPACE = "test";

    @Inject
    KubernetesClient client;

    @Inject
    SessionCatalog catalog;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void setUp() {
        io.restassured.RestAssured.requestSpecification = null;
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void aServerShapedSessionIsShownWholeAndReachedWithItsCopysKey() {
        WhatsAppSession session = serverShapedSession("shown");
        keyCopy("shown", SessionPodStandIn.POD_KEY);
        String key = gatewayKey("shows", "key-of-shows");

        given().header("X-Api-Key", key).get("/api/v1/namespaces/lojas/sessions/shown")
                .then().statusCode(200)
                .body("phase", equalTo("Connected"))
                .body("displayName", equalTo("Loja Centro"))
                .body("labels.team", equalTo("payments"))
                .body("account.phoneNumber", equalTo("5511988887777"))
                .body("spec.webhooks[0].url", equalTo("https://hooks.example.com/whatsapp"))
                .body("conditions.type", hasItems("Ready", "PodReady", "Paired", "Connected"))
                .body("createdAt", equalTo(session.getMetadata().getCreationTimestamp()));
        given().header("X-Api-Key", key).get("/api/v1/namespaces/lojas/sessions/shown/qr")
                .then().statusCode(200).body("code", equalTo("2@qr-from-the-pod"));

        assertThat(SessionPodStandIn.RECEIVED).singleElement()
                .satisfies(received -> assertThat(received.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY));
        WhatsAppSession cached = catalog.cached("lojas", "shown").orElseThrow();
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aRotatedSessionKeyIsTheOneTheNextCallCarries() {
        serverShapedSession("rotating");
        keyCopy("rotating", SessionPodStandIn.POD_KEY);
        String key = gatewayKey("rotates", "key-of-rotates");
        given().header("X-Api-Key", key).get("/api/v1/namespaces/lojas/sessions/rotating/qr").then().statusCode(200);

        client.secrets().inNamespace(GATEWAY_NAMESPACE).withName(GatewayKeyCopy.name("lojas", "rotating"))
                .edit(copy -> {
                    copy.setData(Map.of("api-key", base64("the-rotated-pod-key")));
                    return copy;
                });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SessionPodStandIn.RECEIVED.clear();
            given().header("X-Api-Key", key).get("/api/v1/namespaces/lojas/sessions/rotating/qr");
            assertThat(SessionPodStandIn.RECEIVED).singleElement()
                    .satisfies(received -> assertThat(received.apiKey()).isEqualTo("the-rotated-pod-key"));
        });
    }

    @Test
    void aRotatedGatewayKeyIsAcceptedAndTheOldOneRefused() throws InterruptedException {
        serverShapedSession("guarded");
        keyCopy("guarded", SessionPodStandIn.POD_KEY);
        String old = gatewayKey("rotated-key", "gateway-key-before");
        given().header("X-Api-Key", old).get("/api/v1/namespaces/lojas/sessions/guarded").then().statusCode(200);

        client.secrets().inNamespace(GATEWAY_NAMESPACE).withName("rotated-key").edit(secret -> {
            secret.getData().put("key", base64("gateway-key-after"));
            return secret;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().header("X-Api-Key", "gateway-key-after").get("/api/v1/namespaces/lojas/sessions/guarded")
                    .then().statusCode(200);
            given().header("X-Api-Key", old).get("/api/v1/namespaces/lojas/sessions/guarded")
                    .then().statusCode(401);
        });
        int before = ApiServerRequests.quietCount(server);
        for (int call = 0; call < 5; call++) {
            given().header("X-Api-Key", "gateway-key-after").get("/api/v1/namespaces/lojas/sessions/guarded/qr")
                    .then().statusCode(200);
        }
        assertThat(server.getKubernetesMockServer().getRequestCount() - before)
                .as("the rotated key and the session's copy come from the caches, not from the API server").isZero();
    }

    /** The fixture's session under {@code name}: created with its managedFields and annotations, then its status. */
    private WhatsAppSession serverShapedSession(String name) {
        WhatsAppSession sent = read("whatsappsession-connected-under-argocd.yaml", WhatsAppSession.class);
        var status = sent.getStatus();
        unstored(sent, name);
        WhatsAppSession created = client.resource(sent).create();
        created.setStatus(status);
        return Sessions.seenByGateway(client.resource(created).updateStatus());
    }

    /** The operator's copy of the session's key, with the managedFields and annotation the API server sends. */
    private void keyCopy(String session, String podKey) {
        Secret copy = read("session-key-copy.yaml", Secret.class);
        unstored(copy, GatewayKeyCopy.name("lojas", session));
        copy.getMetadata().setNamespace(GATEWAY_NAMESPACE);
        copy.getMetadata().getLabels().put(GatewayKeyCopy.SESSION_LABEL, session);
        copy.setData(Map.of("api-key", base64(podKey)));
        client.resource(copy).create();
    }

    /** A manage key for the sessions of {@code lojas}, applied by kubectl (its value also in kubectl's annotation). */
    private String gatewayKey(String name, String key) {
        Secret secret = read("gateway-key-applied-by-kubectl.yaml", Secret.class);
        unstored(secret, name);
        secret.getMetadata().setNamespace(GATEWAY_NAMESPACE);
        secret.getData().put("key", base64(key));
        secret.getData().remove("chats");
        secret.getData().put("role", base64("manage"));
        client.resource(secret).create();
        return key;
    }

    /** The fixture as a client would create it under {@code name}: what the server assigns left to the server. */
    private static void unstored(HasMetadata object, String name) {
        object.getMetadata().setName(name);
        object.getMetadata().setUid(null);
        object.getMetadata().setResourceVersion(null);
        object.getMetadata().setCreationTimestamp(null);
    }

    private static <T extends HasMetadata> T read(String fixture, Class<T> type) {
        try (InputStream in = PrunedCachesTest.class.getResourceAsStream("/server-shaped/" + fixture)) {
            return new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
