package io.kubezap.session.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.config.SessionConfig;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured receivers, read once at start from the JSON file named by KUBEZAP_WEBHOOKS_FILE
 * (the operator renders it from {@code spec.webhooks}; secrets are separate files from the mounted Secrets):
 * {@code [{"url": "https://…", "events": ["message.received"], "secretFile": "0"}]}; a relative
 * {@code secretFile} is resolved next to the webhooks file (both come from one projected volume, wherever it is
 * mounted). {@code "secret"} may carry the value inline instead (local mode).
 */
@Singleton
public class WebhookEndpoints {

    static final String VARIABLE = PodEnvironment.WEBHOOKS_FILE;

    private final List<WebhookEndpoint> endpoints;

    public WebhookEndpoints(SessionConfig config, ObjectMapper json) {
        this.endpoints = config.webhooksFile().map(file -> load(Path.of(file), json)).orElse(List.of());
    }

    public List<WebhookEndpoint> all() {
        return endpoints;
    }

    public Optional<WebhookEndpoint> byUrl(String url) {
        return endpoints.stream().filter(e -> e.url().toString().equals(url)).findFirst();
    }

    public List<WebhookEndpoint> wanting(String eventType) {
        return endpoints.stream().filter(e -> e.wants(eventType)).toList();
    }

    static List<WebhookEndpoint> load(Path file, ObjectMapper json) {
        Entry[] entries;
        try {
            entries = json.readValue(Files.readString(file), Entry[].class);
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + file + ": cannot read a JSON list of webhooks: " + e.getMessage(), e);
        }
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            endpoints.add(entries[i].toEndpoint(file, i));
        }
        return endpoints;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String url, List<String> events, String secretFile, String secret) {

        WebhookEndpoint toEndpoint(Path file, int index) {
            String where = VARIABLE + "=" + file + " entry " + index;
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException(where + ": url must be an http(s) URL, got " + url);
            }
            return new WebhookEndpoint(URI.create(url), events == null ? Set.of() : Set.copyOf(events), secret(file, where));
        }

        private Optional<WebhookSecret> secret(Path file, String where) {
            try {
                if (secretFile != null) {
                    return Optional.of(WebhookSecret.parse(Files.readString(file.resolveSibling(secretFile))));
                }
                return Optional.ofNullable(secret).map(WebhookSecret::parse);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": bad secret (" + e.getMessage() + ")", e);
            }
        }
    }
}
