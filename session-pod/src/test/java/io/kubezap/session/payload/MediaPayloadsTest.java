package io.kubezap.session.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.payload.MediaPayload;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.session.config.PayloadSettings;
import io.kubezap.session.config.SessionSettings;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a message's file leaves in a webhook delivery's envelope and a sink's event data, for each payload setting. */
class MediaPayloadsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String BASE = "https://zap.example.com/api/v1/namespaces/shop/sessions/loja";
    private static final byte[] FILE = {1, 2, 3, 4, 5};
    private static final SessionSettings SESSION = new SessionSettings("loja", "shop", "the-api-key", Path.of("."),
            PairingMethod.QR, Optional.empty(), 30, Optional.empty(), false);

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> read = new ArrayList<>();

    private record Settings(MediaPayload media, long cap, Optional<String> mediaUrlBase) implements PayloadSettings {
        @Override
        public MemorySize base64MaxSize() {
            return new MemorySize(BigInteger.valueOf(cap));
        }

        @Override
        public Duration mediaUrlExpiry() {
            return Duration.ofMinutes(10);
        }

        @Override
        public boolean raw() {
            return false;
        }

    }

    private MediaPayloads payloads(MediaPayload media, long cap, String base) {
        return new MediaPayloads(new Settings(media, cap, Optional.ofNullable(base)), () -> SESSION, (id, max) -> {
            read.add(id);
            return FILE.length <= max ? Optional.of(FILE) : Optional.empty();
        }, json, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String event(long size) {
        return "{\"id\":\"m-1\",\"type\":\"image\",\"media\":{\"url\":\"/api/v1/sessions/loja/messages/m-1/media\",\"sha256\":\"ab\",\"size\":"
                + size + "}}";
    }

    private JsonNode media(String shaped, boolean enveloped) throws Exception {
        JsonNode root = json.readTree(shaped);
        return (enveloped ? root.path("data") : root).path("media");
    }

    @Test
    void aLinkIsSignedForTheMessageAndExpiresAsSet() throws Exception {
        JsonNode media = media(payloads(MediaPayload.Url, 1_000_000, BASE).data(event(5)), false);

        String url = media.path("url").asText();
        assertThat(url).startsWith(BASE + "/messages/m-1/media?expires=").doesNotContain("the-api-key");
        assertThat(media.path("urlExpiresAt").asText()).isEqualTo(NOW.plus(Duration.ofMinutes(10)).toString());
        assertThat(media.has("base64")).isFalse();
        String query = url.substring(url.indexOf('?') + 1);
        assertThat(SignedMediaUrl.check("the-api-key", "shop", "loja", "m-1", query.replaceFirst("&.*", "").replace("expires=", ""),
                query.replaceFirst(".*signature=", ""), NOW)).isEqualTo(SignedMediaUrl.Check.VALID);
        assertThat(read).as("a link needs no file").isEmpty();
    }

    @Test
    void base64CarriesTheFileUpToTheCapAndTheLinkAboveIt() throws Exception {
        MediaPayloads inline = payloads(MediaPayload.Base64, 5, BASE);

        JsonNode small = media(inline.data(event(5)), false);
        assertThat(Base64.getDecoder().decode(small.path("base64").asText())).isEqualTo(FILE);
        assertThat(small.path("url").asText()).as("the pod's path, as before").isEqualTo("/api/v1/sessions/loja/messages/m-1/media");

        JsonNode large = media(inline.data(event(6)), false);
        assertThat(large.has("base64")).isFalse();
        assertThat(large.path("url").asText()).startsWith(BASE);
        assertThat(read).as("a file declared over the cap is not read").containsExactly("m-1");
    }

    @Test
    void withoutALinkBaseALargeFileIsLeftOut() throws Exception {
        JsonNode large = media(payloads(MediaPayload.Base64, 4, null).data(event(5)), false);

        assertThat(large.has("base64")).isFalse();
        assertThat(large.path("url").asText()).isEqualTo("/api/v1/sessions/loja/messages/m-1/media");
    }

    @Test
    void aWebhookEnvelopeIsShapedInItsData() throws Exception {
        String envelope = "{\"event\":\"message.received\",\"session\":\"loja\",\"deliveryId\":\"msg_1\",\"data\":" + event(5) + "}";

        String shaped = payloads(MediaPayload.Base64, 5, BASE).envelope(envelope);

        assertThat(json.readTree(shaped).path("deliveryId").asText()).isEqualTo("msg_1");
        assertThat(media(shaped, true).path("base64").asText()).isEqualTo(Base64.getEncoder().encodeToString(FILE));
    }

    @Test
    void eventsWithoutAFileAndSessionsWithoutASettingPassUnchanged() {
        String text = "{\"id\":\"m-2\",\"type\":\"text\",\"text\":\"oi\"}";
        assertThat(payloads(MediaPayload.Base64, 5, BASE).data(text)).isSameAs(text);
        String media = event(5);
        assertThat(payloads(MediaPayload.Url, 5, null).data(media)).as("nothing asked: the stored event as it is").isSameAs(media);
    }
}
