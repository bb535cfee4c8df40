package io.kubezap.session.webhook;

import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends a signed {@code webhook.test} event straight to endpoints (no outbox) and reports what happened. */
@Singleton
public class WebhookTester {

    public static final String TEST_EVENT = "webhook.test";

    private final WebhookEndpoints endpoints;
    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final Clock clock = Clock.systemUTC();

    public WebhookTester(WebhookEndpoints endpoints, WebhookOutbox outbox, WebhookSender sender) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.sender = sender;
    }

    public record Result(String url, String deliveryId, boolean delivered, Integer statusCode, String error) {
    }

    /** All endpoints, or the one with that URL (in full, or as the delivery log shows it). */
    public List<Result> test(Optional<String> url) {
        if (endpoints.all().isEmpty()) {
            throw Failure.conflict("no-webhooks", "No webhooks configured",
                    "this session has no webhook endpoints (spec.webhooks / KUBEZAP_WEBHOOKS_FILE)");
        }
        List<WebhookEndpoint> targets = url.map(u -> List.of(endpoints.byUrl(u)
                        .orElseThrow(() -> Failure.notFound("no webhook endpoint with url " + RedactedUrl.of(u)))))
                .orElse(endpoints.all());
        return targets.stream().map(this::test).toList();
    }

    private Result test(WebhookEndpoint endpoint) {
        String id = WebhookOutbox.newDeliveryId();
        String body = outbox.body(id, TEST_EVENT, clock.instant(),
                Map.of("message", "kubezap webhook test: if you can read this, delivery and signing work"));
        DeliveryAttempt attempt = sender.send(endpoint, id, TEST_EVENT, body);
        return new Result(endpoint.redactedUrl(), id, attempt.delivered(), attempt.statusCode(), attempt.error());
    }
}
