package io.kubezap.session.sink;

import io.cloudevents.CloudEvent;
import io.kubezap.session.config.SinkSettings;
import io.kubezap.session.payload.MediaPayloads;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionThreads;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.Pause;
import io.kubezap.session.retry.Workers;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker (a virtual thread) per sink, so a broker that is down holds back only its own sink. Each worker publishes
 * its sink's oldest queued events as a batch, waits for the broker's acknowledgement of all of them, then moves the
 * sink's cursor past them; a batch that fails is published again, whole, after a backoff, before anything newer:
 * in order, at least once, never dropped. Each session its own: its sinks and settings, its workers serving it, started
 * with the session and stopped with it.
 */
@PerSession
public class SinkDispatcher {

    private static final Logger LOG = Logger.getLogger(SinkDispatcher.class);
    /** After a failed read of the queue (the database away), looked at again this soon. */
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(1);

    private final BrokerSinks sinks;
    private final SinkDeliveryRepository deliveries;
    private final SinkCloudEvents cloudEvents;
    private final MediaPayloads media;
    private final EventSignal signal;
    private final SinkSettings settings;
    private final SinkMetrics metrics;
    private final SinkTargets targets;
    private final Vertx vertx;
    private final HostedSessions sessions;
    private volatile String partitionKey;
    private final Backoff backoff;
    private final Clock clock = Clock.systemUTC();
    private final Workers workers = new Workers();
    /** Per SQS sink: how often its queue refused each event, kept across the publishers a failure replaces. */
    private final Map<String, SqsRefusals> refusals = new ConcurrentHashMap<>();
    private volatile boolean running;

    public SinkDispatcher(BrokerSinks sinks, SinkDeliveryRepository deliveries, SinkCloudEvents cloudEvents, EventSignal signal,
                          SinkMetrics metrics, SinkTargets targets, HostedSessions sessions, MediaPayloads media, Vertx vertx) {
        SinkSettings settings = sessions.current().config().sink();
        this.media = media;
        this.vertx = vertx;
        this.sinks = sinks;
        this.deliveries = deliveries;
        this.cloudEvents = cloudEvents;
        this.signal = signal;
        this.settings = settings;
        this.metrics = metrics;
        this.targets = targets;
        this.sessions = sessions;
        this.backoff = Backoff.withEqualJitter(settings.retryInitialDelay(), settings.retryMaxDelay());
    }

    /** Called by the session runtime once the schema is there. */
    public void start() {
        running = true;
        partitionKey = sessions.current().namespace() + "/" + sessions.current().name();
        int dropped = deliveries.dropUnconfigured(sinks.all().stream().map(BrokerSink::name).toList());
        if (dropped > 0) {
            LOG.warnf("%d queued events were for event sinks that are no longer configured; dropped", dropped);
        }
        for (BrokerSink sink : sinks.all()) {
            workers.start("sink " + sink.name(), SessionThreads.named(() -> work(sink)));
        }
    }

    /** With its session: at its stop, or as it leaves the JVM. */
    @PreDestroy
    public void stop() throws InterruptedException {
        running = false;
        workers.stopAll();
    }

    private void work(BrokerSink sink) {
        SinkPublisher publisher = null;
        int failures = 0;
        try {
            while (running) {
                long seen = signal.generation();
                List<SinkEvent> batch;
                try {
                    batch = deliveries.oldestPending(sink.name(), settings.batch());
                } catch (RuntimeException databaseAway) {
                    LOG.warnf("%s: cannot read its queued events (%s); retrying", sink, databaseAway.getMessage());
                    if (!Pause.sleep(RETRY_AFTER_ERROR)) {
                        return;
                    }
                    continue;
                }
                if (batch.isEmpty()) {
                    signal.await(seen, settings.pollInterval());
                    continue;
                }
                Instant started = clock.instant();
                try {
                    if (publisher == null) {
                        publisher = open(sink);
                    }
                    publisher.publish(batch.stream().map(this::message).toList());
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    publisher = closed(publisher);
                    failures++;
                    fail(sink, e, failures);
                    continue;
                }
                failures = 0;
                Instant done = clock.instant();
                metrics.published(sink, batch.size(), Duration.between(started, done));
                recordPublished(sink, batch.stream().map(SinkEvent::id).toList(), done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed(publisher);
        }
    }

    /** The broker has the batch: a database that is away now only means it goes out again (at least once). */
    private void recordPublished(BrokerSink sink, List<Long> eventIds, Instant at) {
        try {
            deliveries.published(sink.name(), eventIds, at);
        } catch (RuntimeException databaseAway) {
            LOG.warnf("%s: published up to event %d but could not record it (%s); it is published again",
                    sink, eventIds.getLast(), databaseAway.getMessage());
        }
    }

    private void fail(BrokerSink sink, Exception e, int failures) throws InterruptedException {
        metrics.failed(sink);
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        LOG.warnf("%s: publishing failed (%s); retrying", sink, error);
        try {
            deliveries.failed(sink.name(), error, clock.instant());
        } catch (RuntimeException databaseAway) {
            // the status is only a report: the retry goes ahead without it
        }
        if (!Pause.sleep(backoff.delay(failures - 1))) {
            throw new InterruptedException();
        }
    }

    private SinkPublisher.SinkMessage message(SinkEvent event) {
        CloudEvent cloudEvent = cloudEvents.cloudEvent(event.withPayload(media.data(event.payload())));
        return new SinkPublisher.SinkMessage(cloudEvent.getId(), cloudEvent.getType(), partitionKey, cloudEvent.getSubject(),
                cloudEvents.serialize(cloudEvent));
    }

    private SinkPublisher open(BrokerSink sink) throws Exception {
        SinkTargets.Checked checked = targets.check(sink);
        if (checked.refusal() != null) {
            throw new IllegalStateException("not sent: " + checked.refusal());
        }
        return switch (sink.kind()) {
            case EventSinkFile.Kind.Kafka -> new KafkaPublisher(sink, settings.timeout(), targets);
            case EventSinkFile.Kind.NATS -> new NatsPublisher(sink, settings.timeout(), checked);
            case EventSinkFile.Kind.RabbitMQ -> new RabbitPublisher(sink, settings.timeout(), checked);
            case EventSinkFile.Kind.SQS -> {
                metrics.noneDeadLettered(sink);
                yield new SqsPublisher(sink, targets.pinnedHttp(vertx, sink, checked, settings.timeout()), settings.timeout(),
                        settings.deadLetterAfter(),
                        refusals.computeIfAbsent(sink.name(), name -> new SqsRefusals()), () -> metrics.deadLettered(sink));
            }
        };
    }

    private static SinkPublisher closed(SinkPublisher publisher) {
        if (publisher != null) {
            try {
                publisher.close();
            } catch (RuntimeException alreadyBroken) {
                // a new one is opened for the next attempt
            }
        }
        return null;
    }
}
