package io.kubezap.session.webhook;

import io.kubezap.contract.filter.EventFilter;

import java.util.List;
import java.util.Set;

/**
 * What {@code GET /webhooks} shows of one configured endpoint: its URL as logs show it, the events and filter it
 * takes, the names of its static headers (their values stay in the spec), how it is authenticated ({@code none},
 * {@code bearer}, {@code basic}, {@code oauth2}: never the secret), whether deliveries are signed, and, when the egress
 * rules keep the pod from it, why and the setting that would allow it ({@code egressRefused}, absent when allowed).
 */
public record WebhookView(String url, Set<String> events, EventFilter filter, List<String> headers, String auth,
                          boolean signed, String egressRefused) {

    static WebhookView of(WebhookEndpoint endpoint, WebhookTargets targets) {
        var target = targets.target(endpoint.url());
        return new WebhookView(endpoint.redactedUrl(), endpoint.events(), endpoint.filter(),
                endpoint.headers().keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), endpoint.auth().kind(),
                endpoint.secret().isPresent(), target.allowed() ? null : target.refusal());
    }
}
