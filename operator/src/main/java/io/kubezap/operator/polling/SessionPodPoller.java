package io.kubezap.operator.polling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.sessionapi.SessionApiClient;

import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Polls every session's pod on its own schedule ({@link PodFetcher}) and wakes the reconciler only when what it saw
 * changed: an unchanged session costs one HTTP call per interval, no reconcile, no write.
 */
public final class SessionPodPoller extends PerResourcePollingEventSource<PodObservation, WhatsAppSession, String> {

    public static final String NAME = "session-pod";

    private final PodFetcher fetcher;
    private final Cache<WhatsAppSession> sessions;

    private SessionPodPoller(EventSourceContext<WhatsAppSession> context, PodFetcher fetcher, OperatorConfig config) {
        super(PodObservation.class, context, new PerResourcePollingConfigurationBuilder<PodObservation, WhatsAppSession, String>(
                fetcher, config.poll().connectedInterval())
                .withName(NAME)
                .withResourceIDMapper(ResourceIDMapper.singleResourceResourceIDMapper())
                .withExecutorService(Executors.newScheduledThreadPool(config.poll().threads(),
                        Thread.ofPlatform().name("session-pod-poll-", 0).daemon().factory()))
                .build());
        this.fetcher = fetcher;
        this.sessions = context.getPrimaryCache();
    }

    /**
     * JOSDK starts the sessions' own informer before this source, and a poll scheduled for a session announced in
     * between would find this source stopped and never run again: sessions are registered once it runs, those already
     * known here.
     */
    @Override
    public void start() {
        super.start();
        sessions.list().forEach(super::onResourceCreated);
    }

    @Override
    public void onResourceCreated(WhatsAppSession session) {
        if (isRunning()) {
            super.onResourceCreated(session);
        }
    }

    @Override
    public void onResourceUpdated(WhatsAppSession session, WhatsAppSession previous) {
        if (isRunning()) {
            super.onResourceUpdated(session, previous);
        }
    }

    public static SessionPodPoller create(EventSourceContext<WhatsAppSession> context, SessionApiClient api,
                                          KubernetesClient client, OperatorConfig config) {
        return new SessionPodPoller(context, new PodFetcher(api, client, config.poll()), config);
    }

    /**
     * What the pod showed when last polled for {@code target}; asked now (without waking the reconciler again) when
     * the last poll asked something else, e.g. the pod became ready since.
     */
    public PodObservation observe(WhatsAppSession session, PollTarget target) {
        fetcher.target(ResourceID.fromResource(session), target);
        return getSecondaryResources(session).stream()
                .filter(seen -> seen.target().equals(target))
                .findFirst()
                .orElseGet(() -> {
                    PodObservation fresh = fetcher.fetch(session);
                    handleResources(ResourceID.fromResource(session), Set.of(fresh), false);
                    return fresh;
                });
    }

    @Override
    public void onResourceDeleted(WhatsAppSession session) {
        super.onResourceDeleted(session);
        fetcher.forget(ResourceID.fromResource(session));
    }
}
