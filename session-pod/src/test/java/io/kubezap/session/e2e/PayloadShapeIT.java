package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.png;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shape of a received file's event ({@code spec.events.payload}) as a webhook receiver gets it, on the packaged pod
 * against the simulator: a file under the inline cap comes as {@code media.base64} (the same bytes), a larger one as
 * {@code media.url}, a signed link that opens the file without the API key, is refused when changed (403) and once
 * expired (410); WhatsApp's own message comes alongside under {@code _data}. Neither link nor file is kept in the
 * delivery log. The links name the pod's own address here (local mode's form, which the pod checks itself); the gateway
 * checks the same signature in front of a cluster's pods (the gateway's {@code SignedMediaProxyTest}). Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadShapeIT {

    private static final String SESSION = "loja-56p";
    private static final String OWNER = "5511999990156";
    private static final String CUSTOMER = "5511988880156";
    private static final int INLINE_MAX = 20_000;
    /** The links' base as configured: the test reaches the pod at its own (unknown in advance) port with the same path. */
    private static final String LINK_BASE = "http://127.0.0.1:9/api/v1/sessions/" + SESSION;
    private static final Duration EXPIRY = Duration.ofSeconds(30);

    @Parameter
    EngineKind engine;

    private final ObjectMapper json = new ObjectMapper();
    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "payload-shape-it-" + engine + "-");
        webhooks = new WebhookReceiver("127.0.0.2", PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"),
                "[{\"url\": \"http://127.0.0.2:" + webhooks.port() + "/hook\", \"events\": [\"message.received\"]}]");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(), "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2",
                "KUBEZAP_EVENTS_PAYLOAD_MEDIA", "Base64",
                "KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE", String.valueOf(INLINE_MAX),
                "KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_EXPIRY", EXPIRY.toSeconds() + "s",
                "KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE", LINK_BASE,
                "KUBEZAP_EVENTS_PAYLOAD_RAW", "true"));
        world = PodAgainstSimulator.create(workDir, SESSION, environment);
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    void aSmallImageComesInlineWithWhatsAppsOwnMessageAlongside() {
        byte[] image = png(24, 24, 561);
        assertThat(image.length).isLessThan(INLINE_MAX);

        String waId = phoneSends(image, "Foto pequena");
        JsonNode data = hookFor(waId).path("data");

        JsonNode media = data.path("media");
        assertThat(Base64.getDecoder().decode(media.path("base64").asText())).isEqualTo(image);
        assertThat(media.path("url").asText()).as("no link besides the file").doesNotContain("signature=");
        JsonNode raw = data.path("_data");
        assertThat(raw.path("key").path("id").asText()).isEqualTo(waId);
        assertThat(raw.path("key").path("fromMe").asBoolean()).isFalse();
        assertThat(raw.path("message").path("imageMessage").path("caption").asText()).isEqualTo("Foto pequena");
        assertThat(raw.path("message").path("imageMessage").path("mimetype").asText()).isEqualTo("image/png");
        assertThat(raw.path("messageTimestamp").asLong()).as("the WAMessage's timestamp").isPositive();
        assertThat(deliveryLogOf(waId)).as("the delivery log keeps the event, not the file").doesNotContain(media.path("base64").asText());
    }

    @Test
    void aLargerImageComesAsASignedLinkThatOpensItsFileUntilItExpires() {
        byte[] image = png(160, 120, 562);
        assertThat(image.length).isGreaterThan(INLINE_MAX);

        String waId = phoneSends(image, null);
        Instant delivered = Instant.now();
        JsonNode media = hookFor(waId).path("data").path("media");
        Instant hooked = Instant.now(); // the link is signed between the two, however long the pod took

        assertThat(media.has("base64")).as("over the inline cap").isFalse();
        URI link = URI.create(media.path("url").asText());
        assertThat(link.toString()).startsWith(LINK_BASE + "/messages/").contains("expires=", "signature=")
                .doesNotContain(PodAgainstSimulator.API_KEY);
        assertThat(Instant.parse(media.path("urlExpiresAt").asText()))
                .isBetween(delivered.minus(Duration.ofMinutes(1)), hooked.plus(EXPIRY).plusSeconds(5));
        assertThat(deliveryLogOf(waId)).as("the delivery log never holds a link").doesNotContain("signature=");

        Response opened = fetch(link);
        assertThat(opened.statusCode()).as(opened.asString()).isEqualTo(200);
        assertThat(opened.asByteArray()).isEqualTo(image);

        String query = link.getRawQuery();
        String signature = query.replaceFirst(".*signature=", "");
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        refused(URI.create(link.getRawPath() + "?" + query.replace(signature, flipped)), 403, "media-url-invalid");
        String otherMessage = link.getRawPath().replaceFirst("/messages/[^/]+/", "/messages/" + incomingIdOf(phoneSends(png(10, 10, 563), null)) + "/");
        refused(URI.create(otherMessage + "?" + query), 403, "media-url-invalid");
        String pushedBack = query.replaceFirst("expires=[0-9]+", "expires=" + Instant.now().plus(Duration.ofDays(1)).getEpochSecond());
        refused(URI.create(link.getRawPath() + "?" + pushedBack), 403, "media-url-invalid");

        await().atMost(EXPIRY.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> fetch(link).statusCode() != 200);
        refused(link, 410, "media-url-expired");
        world.api().get("/messages/" + incomingIdOf(waId) + "/media").then().statusCode(200);
    }

    private String phoneSends(byte[] image, String caption) {
        var body = new HashMap<String, Object>(Map.of("to", OWNER, "type", "image",
                "media", Map.of("data", Base64.getEncoder().encodeToString(image), "mimeType", "image/png")));
        Optional.ofNullable(caption).ifPresent(text -> body.put("caption", text));
        return world.control().body(body).post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
    }

    private String incomingIdOf(String waId) {
        return (String) world.awaitIncoming(waId).get("id");
    }

    /** The link fetched as a receiver would, without a key: the pod at its own port, the link's path and query. */
    private Response fetch(URI link) {
        return given().urlEncodingEnabled(false).baseUri(world.podBaseUrl()).get(link.getRawPath() + "?" + link.getRawQuery());
    }

    private void refused(URI link, int status, String problem) {
        Response answer = fetch(link);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("type")).endsWith(problem);
    }

    private JsonNode hookFor(String waId) {
        String id = incomingIdOf(waId);
        await().atMost(PATIENCE).until(() -> hook(id).isPresent());
        return hook(id).orElseThrow();
    }

    private Optional<JsonNode> hook(String id) {
        return webhooks.at("/hook").stream().map(request -> {
            try {
                return json.readTree(request.body());
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }).filter(body -> id.equals(body.path("data").path("id").asText())).findFirst();
    }

    private String deliveryLogOf(String waId) {
        String id = incomingIdOf(waId);
        String deliveryId = webhooks.at("/hook").stream()
                .filter(request -> request.body().contains("\"id\":\"" + id + "\""))
                .map(request -> request.header("webhook-id")).findFirst().orElseThrow();
        return world.api().get("/webhooks/deliveries/" + deliveryId).then().statusCode(200).extract().asString();
    }
}
