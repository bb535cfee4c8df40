package io.kubezap.session.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEndpointsTest {

    @Test
    void aRelativeSecretFileIsReadNextToTheWebhooksFileWhereverTheVolumeIsMounted(@TempDir Path mount) throws Exception {
        Path list = mount.resolve("webhooks.json");
        Files.writeString(list, "[{\"url\":\"https://hooks.example.com/wa\",\"events\":[],\"secretFile\":\"0\"}]");
        Files.writeString(mount.resolve("0"), "shared-secret");

        var endpoint = WebhookEndpoints.load(list, new ObjectMapper()).getFirst();

        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(WebhookSigner.headers("msg_1", at, "{}", endpoint.secret().orElseThrow()))
                .isEqualTo(WebhookSigner.headers("msg_1", at, "{}", WebhookSecret.parse("shared-secret")));
    }
}
