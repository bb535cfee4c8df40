package io.kubezap.session.webhook;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * One receiver, identified by its URL: pending deliveries store the URL and find the endpoint's
 * current secret again after a restart. An empty {@code events} set means all events.
 */
public record WebhookEndpoint(URI url, Set<String> events, Optional<WebhookSecret> secret) {

    public WebhookEndpoint {
        events = Set.copyOf(events);
    }

    /** The URL as logs and API answers show it (no query, no userinfo: either may hold a token). */
    public String redactedUrl() {
        return RedactedUrl.of(url);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + EndpointLabel.of(url) + "]";
    }

    public boolean wants(String eventType) {
        return events.isEmpty() || events.contains(eventType);
    }
}
