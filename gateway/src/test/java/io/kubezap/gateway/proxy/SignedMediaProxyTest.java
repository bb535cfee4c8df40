package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A media link an event carried (issue 56 item 4) opens that one message's file through the gateway without any key:
 * the gateway checks the link with the session's key copy and calls the pod with the pod's key; a changed link is
 * refused (403), an expired one too (410), both as problem+json, and neither reaches the pod.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class SignedMediaProxyTest {

    private static final String FILE_PATH = "/api/v1/namespaces/shop/sessions/linked/messages/m-7/media";

    @Inject
    KubernetesClient client;

    @BeforeEach
    void aSessionWithAKeyAndNoCallerCredentials() {
        Sessions sessions = new Sessions(client);
        if (sessions.get("shop", "linked") == null) {
            sessions.applied("shop", "linked", Map.of());
            sessions.withApiKey("shop", "linked", SessionPodStandIn.POD_KEY);
        }
        RestAssured.requestSpecification = null;
        SessionPodStandIn.RECEIVED.clear();
    }

    private static String link(String messageId, Instant expiresAt) {
        return SignedMediaUrl.query(SessionPodStandIn.POD_KEY, "shop", "linked", messageId, expiresAt);
    }

    private static Response get(String path, String query) {
        return given().urlEncodingEnabled(false).get(path + "?" + query);
    }

    @Test
    void aSignedLinkOpensTheFileWithThePodsKey() {
        Response file = get(FILE_PATH, link("m-7", Instant.now().plusSeconds(60)));

        assertThat(file.statusCode()).as(file.asString()).isEqualTo(200);
        assertThat(file.asByteArray()).isEqualTo(SessionPodStandIn.MEDIA_FILE);
        assertThat(SessionPodStandIn.RECEIVED).singleElement().satisfies(at -> {
            assertThat(at.uri()).startsWith("/api/v1/sessions/linked/messages/m-7/media?");
            assertThat(at.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY);
        });
    }

    @Test
    void aChangedLinkIsRefusedWithoutReachingThePod() {
        String query = link("m-7", Instant.now().plusSeconds(60));
        String signature = query.replaceFirst(".*signature=", "");
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);

        refused(get(FILE_PATH, query.replace(signature, flipped)), 403, "media-url-invalid");
        refused(get(FILE_PATH.replace("m-7", "m-8"), query), 403, "media-url-invalid");
        refused(get(FILE_PATH, query.replaceFirst("expires=[0-9]+", "expires=" + Instant.now().plusSeconds(86_400).getEpochSecond())),
                403, "media-url-invalid");
        refused(get("/api/v1/namespaces/shop/sessions/linked/messages/m-7", query), 403, "media-url-invalid");
        refused(get("/api/v1/namespaces/shop/sessions/linked/qr", query), 403, "media-url-invalid");
        refused(get(FILE_PATH, SignedMediaUrl.query("another-key", "shop", "linked", "m-7", Instant.now().plusSeconds(60))),
                403, "media-url-invalid");
        refused(given().urlEncodingEnabled(false).delete(FILE_PATH + "?" + query), 403, "media-url-invalid");

        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void anExpiredLinkIsGone() {
        refused(get(FILE_PATH, link("m-7", Instant.now().minusSeconds(1))), 410, "media-url-expired");

        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void withoutALinkOrAKeyTheFileStaysClosed() {
        given().get(FILE_PATH).then().statusCode(401);

        assertThat(SessionPodStandIn.RECEIVED).isEmpty();
    }

    private static void refused(Response answer, int status, String problem) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("type")).endsWith(problem);
        assertThat(answer.asString()).doesNotContain(SessionPodStandIn.POD_KEY);
    }
}
