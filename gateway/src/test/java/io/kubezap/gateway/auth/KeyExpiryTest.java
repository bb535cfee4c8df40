package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 51, item 9: a gateway key may carry {@code expiresAt}; past it the key is refused (401 {@code key-expired}),
 * before it a Warning Event and a metric tell; a key is rotated by adding its replacement and deleting it.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class KeyExpiryTest {

    private static final String PATH = "/api/v1/namespaces/shop/sessions/one";

    @Inject
    KubernetesClient client;
    @Inject
    KeyExpiryWarnings warnings;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void setUp() {
        RestAssured.requestSpecification = null;
        Sessions sessions = new Sessions(client);
        if (sessions.get("shop", "one") == null) {
            sessions.applied("shop", "one", Map.of());
            sessions.withApiKey("shop", "one", SessionPodStandIn.POD_KEY);
        }
    }

    @Test
    void aKeyPastItsExpiryIsRefusedSayingSo() {
        String key = keySecret("expired", Instant.now().minus(1, ChronoUnit.MINUTES).toString());

        given().header("X-Api-Key", key).get(PATH).then().statusCode(401)
                .body("type", containsString("key-expired")).body("detail", containsString("expired at"));
        given().header("Authorization", "Bearer " + key).get(PATH).then().statusCode(401);
    }

    @Test
    void aKeyBeforeItsExpiryIsAcceptedAndOneWithoutNeverExpires() {
        given().header("X-Api-Key", keySecret("later", Instant.now().plus(Duration.ofDays(30)).toString()))
                .get(PATH).then().statusCode(200).body("name", equalTo("one"));
        given().header("X-Api-Key", keySecret("forever", null)).get(PATH).then().statusCode(200);
    }

    @Test
    void anExpiryThatIsNotATimeFailsClosed() {
        given().header("X-Api-Key", keySecret("misspelled", "next tuesday")).get(PATH).then().statusCode(401)
                .body("detail", containsString("not an RFC 3339 time"));
    }

    @Test
    void aKeyNearItsExpiryIsToldByAWarningEventOnceAndByTheMetric() {
        Instant soon = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant far = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
        keySecret("soon", soon.toString());
        keySecret("far", far.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> warnings.keySecretsKnown("soon", "far"));

        warnings.check(Instant.now());
        warnings.check(Instant.now());

        List<Event> events = client.v1().events().inNamespace("test").list().getItems().stream()
                .filter(e -> KeyExpiryWarnings.REASON.equals(e.getReason()))
                .filter(e -> List.of("soon", "far").contains(e.getInvolvedObject().getName())).toList();
        assertThat(events).extracting(e -> e.getInvolvedObject().getName()).containsExactly("soon");
        assertThat(events.get(0).getType()).isEqualTo("Warning");
        assertThat(events.get(0).getMessage()).contains("expires at " + soon);
        assertThat(registry.get(KeyExpiryWarnings.METRIC).tag("key", "soon").gauge().value())
                .isEqualTo((double) soon.getEpochSecond());
        assertThat(registry.get(KeyExpiryWarnings.METRIC).tag("key", "far").gauge().value())
                .isEqualTo((double) far.getEpochSecond());
    }

    @Test
    void aKeyIsRotatedByAddingItsReplacementThenDeletingIt() {
        String old = keySecret("rotating-old", Instant.now().plus(Duration.ofDays(3)).toString());
        given().header("X-Api-Key", old).get(PATH).then().statusCode(200);

        String replacement = keySecret("rotating-new", Instant.now().plus(Duration.ofDays(90)).toString());
        given().header("X-Api-Key", replacement).get(PATH).then().statusCode(200);
        given().header("X-Api-Key", old).get(PATH).then().statusCode(200);

        client.secrets().inNamespace("test").withName("rotating-old").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("X-Api-Key", old).get(PATH).then().statusCode(401));
        given().header("X-Api-Key", replacement).get(PATH).then().statusCode(200);
    }

    /** A send key for namespace {@code shop} in Secret {@code name}, with {@code expiresAt} when not null; its key. */
    private String keySecret(String name, String expiresAt) {
        String key = "key-" + name;
        Map<String, String> data = new HashMap<>(Map.of("key", key, "role", "send", "namespaces", "shop"));
        if (expiresAt != null) {
            data.put(GatewayKeys.EXPIRES_AT, expiresAt);
        }
        client.secrets().inNamespace("test").resource(new SecretBuilder()
                .withNewMetadata().withNamespace("test").withName(name)
                .addToLabels(GatewayKeys.LABEL, "true").endMetadata()
                .withStringData(data).build()).createOr(existing -> existing.update());
        return key;
    }
}
