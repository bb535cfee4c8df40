package io.kubezap.session.webhook;

import io.kubezap.session.config.WebhookSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionThreads;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.payload.MediaPayloads;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.Pause;
import io.kubezap.session.retry.Workers;
import jakarta.annotation.PreDestroy;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One worker (a virtual thread) per endpoint, so a slow or dead endpoint holds back only itself.
 * Each worker delivers its endpoint's oldest pending delivery first; a failed one is retried with
 * exponential backoff and full jitter before anything newer goes out, which keeps event order. Each session its own:
 * its endpoints and settings, its workers serving it, started with the session and stopped with it.
 */
@PerSession
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    /** A slow endpoint's accepted deliveries still show as delivered within about this long. */
    private static final Duration MARK_EVERY = Duration.ofMillis(200);
    /** After a failed read of the outbox (the database away), looked at again this soon. */
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(1);

    private final WebhookEndpoints endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final EventSignal signal;
    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final MediaPayloads media;
    private final Backoff backoff;
    private final Clock clock = Clock.systemUTC();
    private final Workers workers = new Workers();
    private volatile boolean running;

    public WebhookDispatcher(WebhookEndpoints endpoints, DeliveryRepository deliveries, WebhookSender sender,
                             EventSignal signal, HostedSessions sessions, WebhookMetrics metrics, MediaPayloads media) {
        WebhookSettings settings = sessions.current().config().webhook();
        this.media = media;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.signal = signal;
        this.settings = settings;
        this.metrics = metrics;
        this.backoff = Backoff.withEqualJitter(settings.retryInitialDelay(), settings.retryMaxDelay());
    }

    /** Called by the session runtime once the schema is there (the dispatcher reads the outbox at once). */
    public void start() {
        running = true;
        int dropped = deliveries.failUnconfigured(endpoints.all().stream().map(e -> e.url().toString()).toList(), clock.instant());
        if (dropped > 0) {
            LOG.warnf("%d pending webhook deliveries target endpoints that are no longer configured; marked failed", dropped);
        }
        for (WebhookEndpoint endpoint : endpoints.all()) {
            workers.start("webhook " + EndpointLabel.of(endpoint.url()), SessionThreads.named(() -> work(endpoint)));
        }
    }

    /** With its session: at its stop, or as it leaves the JVM. */
    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        workers.stopAll();
    }

    private void work(WebhookEndpoint endpoint) {
        while (running) {
            try {
                long seen = signal.generation();
                Duration idle = deliverDue(endpoint);
                if (!idle.isZero()) {
                    signal.await(seen, idle);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("webhook worker for %s: %s; retrying in %s", EndpointLabel.of(endpoint.url()),
                        EndpointLabel.scrub(e.getMessage(), endpoint.url()), RETRY_AFTER_ERROR);
                if (!Pause.sleep(RETRY_AFTER_ERROR)) {
                    return;
                }
            }
        }
    }

    /**
     * Sends the endpoint's pending deliveries in order while they are due and accepted; returns how long to
     * idle before looking again (zero: look again at once): until the head delivery is due, or, with none pending,
     * the poll interval, a safety net only (new deliveries wake the worker through the {@link EventSignal}), so an idle
     * session queries nothing and its pool lets its connection go
     * (docs/benchmarks/2026-11-25-postgresql-10000-sessions-pgbouncer.md). Accepted deliveries are marked delivered in
     * batches (at the end of the batch, before a failure is recorded, and at least every {@link #MARK_EVERY}).
     */
    Duration deliverDue(WebhookEndpoint endpoint) {
        List<DeliveryRepository.PendingDelivery> pending = deliveries.oldestPending(endpoint.url().toString(), BATCH);
        if (pending.isEmpty()) {
            return settings.pollInterval();
        }
        List<DeliveryRepository.DeliveredAttempt> delivered = new ArrayList<>();
        try {
            for (DeliveryRepository.PendingDelivery delivery : pending) {
                Instant now = clock.instant();
                if (delivery.nextAttemptAt().isAfter(now)) {
                    Duration untilDue = Duration.between(now, delivery.nextAttemptAt());
                    return untilDue.compareTo(settings.pollInterval()) < 0 ? untilDue : settings.pollInterval();
                }
                DeliveryAttempt attempt = sender.send(endpoint, delivery.id(), delivery.eventType(),
                        media.envelope(delivery.payload()), delivery.trace());
                Instant at = clock.instant();
                if (attempt.delivered()) {
                    delivered.add(new DeliveryRepository.DeliveredAttempt(delivery.id(), attempt.statusCode(), at));
                    metrics.attempted(endpoint, WebhookMetrics.Outcome.DELIVERED, Duration.between(now, at));
                    if (Duration.between(delivered.getFirst().at(), at).compareTo(MARK_EVERY) >= 0) {
                        markDelivered(delivered);
                    }
                } else {
                    markDelivered(delivered);
                    metrics.attempted(endpoint, recordFailure(delivery, attempt, at), Duration.between(now, at));
                    return Duration.ZERO;
                }
            }
            return Duration.ZERO;
        } finally {
            markDelivered(delivered);
        }
    }

    private void markDelivered(List<DeliveryRepository.DeliveredAttempt> delivered) {
        deliveries.recordDelivered(delivered);
        delivered.clear();
    }

    private WebhookMetrics.Outcome recordFailure(DeliveryRepository.PendingDelivery delivery, DeliveryAttempt attempt, Instant at) {
        int attemptsMade = delivery.attempts() + 1;
        Optional<Instant> retryAt = attemptsMade >= settings.maxAttempts()
                ? Optional.empty()
                : Optional.of(at.plus(backoff.delay(attemptsMade - 1)));
        deliveries.recordFailure(delivery.id(), attempt.statusCode(), attempt.error(), at, retryAt);
        return retryAt.isPresent() ? WebhookMetrics.Outcome.RETRYING : WebhookMetrics.Outcome.FAILED;
    }

}
