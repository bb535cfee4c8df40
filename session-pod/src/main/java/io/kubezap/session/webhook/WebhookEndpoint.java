package io.kubezap.session.webhook;

import io.kubezap.contract.filter.EventFilter;
import io.kubezap.contract.filter.EventSubject;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One receiver, identified by its URL: pending deliveries store the URL and find the endpoint's
 * current secret again after a restart. An empty {@code events} set means all events; {@code filter} picks among them
 * by chat, direction and who acted; {@code headers} go with every delivery, {@code auth} makes its Authorization header.
 */
public record WebhookEndpoint(URI url, Set<String> events, EventFilter filter, Optional<WebhookSecret> secret,
                              Map<String, String> headers, WebhookAuth auth) {

    public WebhookEndpoint {
        events = Set.copyOf(events);
        headers = Map.copyOf(headers);
    }

    public WebhookEndpoint(URI url, Set<String> events, EventFilter filter, Optional<WebhookSecret> secret) {
        this(url, events, filter, secret, Map.of(), WebhookAuth.NONE);
    }

    public WebhookEndpoint(URI url, Set<String> events, Optional<WebhookSecret> secret) {
        this(url, events, EventFilter.EVERYTHING, secret);
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

    /** Whether this endpoint takes the event: its type, then (read only when asked) what it is about. */
    public boolean wants(String eventType, Supplier<EventSubject> subject) {
        return wants(eventType) && filter.passes(subject);
    }
}
