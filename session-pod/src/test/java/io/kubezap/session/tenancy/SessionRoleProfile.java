package io.kubezap.session.tenancy;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The pod as it runs in a cluster: its own session role, no migrations of its own, one webhook endpoint. */
public class SessionRoleProfile implements QuarkusTestProfile {

    /** Nothing listens there: deliveries are attempted, fail and are retried, and all of it is recorded. */
    static final String WEBHOOK_URL = "http://127.0.0.1:9/kubezap-hook";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kubezap.schema.migrate-at-start", "false",
                "kubezap.webhooks-file", webhooksFile().toString(),
                "kubezap.webhook.max-attempts", "2",
                "kubezap.webhook.retry-initial-delay", "100ms",
                "kubezap.webhook.retry-max-delay", "200ms",
                "kubezap.webhook.timeout", "1s",
                "kubezap.webhook.poll-interval", "100ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SessionRolePostgres.class));
    }

    private static Path webhooksFile() {
        try {
            Path file = Files.createTempFile("kubezap-webhooks", ".json");
            Files.writeString(file, "[{\"url\": \"" + WEBHOOK_URL + "\", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
