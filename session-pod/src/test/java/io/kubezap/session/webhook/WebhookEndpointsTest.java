package io.kubezap.session.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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

    @Test
    void aMalformedListNamesThePlaceNeverTheSecretsInIt(@TempDir Path mount) throws Exception {
        assertRefusedWithout(mount, "[{\"url\": \"https://h.example.com/wa?token=TOKEN-1\", \"secret\": TOKEN-2}]", "TOKEN-1", "TOKEN-2");
        assertRefusedWithout(mount, "[{\"url\": \"ftp://user:TOKEN-3@files.example.com/x\"}]", "TOKEN-3");
        assertRefusedWithout(mount, "[{\"url\": \"https://h.example.com/wa?token=TOKEN-4 x\"}]", "TOKEN-4");
        assertRefusedWithout(mount, "[{\"url\": \"TOKEN-5\"}]", "TOKEN-5");
        assertRefusedWithout(mount, "[{\"url\": \"https://h.example.com/wa\", \"secret\": \"whsec_TOKEN-6!\"}]", "TOKEN-6");
    }

    private static void assertRefusedWithout(Path mount, String json, String... secrets) throws Exception {
        Path list = Files.writeString(mount.resolve("webhooks.json"), json);
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> WebhookEndpoints.load(list, new ObjectMapper()));
        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhooks.json");
        for (Throwable t = refused; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertThat(t.getMessage()).as("%s in %s", secret, json).doesNotContain(secret);
            }
        }
    }

    @Test
    void anEndpointIsFoundByItsFullUrlOrAsTheDeliveryLogShowsIt(@TempDir Path mount) throws Exception {
        Path list = Files.writeString(mount.resolve("webhooks.json"), "[{\"url\": \"https://h.example.com/wa?token=T\"}]");
        WebhookEndpoints endpoints = new WebhookEndpoints(List.of(WebhookEndpoints.load(list, new ObjectMapper()).getFirst()));
        assertThat(endpoints.byUrl("https://h.example.com/wa?token=T")).isPresent();
        assertThat(endpoints.byUrl("https://h.example.com/wa?***")).isPresent();
        assertThat(endpoints.byUrl("https://h.example.com/wa")).isEmpty();
    }
}
