package io.kubezap.operator.polling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.sessionapi.SessionApiClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Polls every session's pod on its own schedule and wakes the reconciler only when what it saw changed: an unchanged
 * session costs one HTTP call per interval, no reconcile, no write. A poll holds no thread while the pod answers
 * ({@link PodAsker}): one timer thread schedules, and a pod that never answers delays only its own status, until
 * {@code kubezap.session.request-timeout} ends its call. A session is never asked twice at once.
 *
 * <p>When to ask again: about every {@code kubezap.poll.pairing-interval} while the session starts, pairs, reconnects
 * or does not answer, every {@code kubezap.poll.connected-interval} once connected or while the pod is not ready (its
 * StatefulSet's changes wake the reconciler anyway) or nothing is to be asked; at once when a reconcile asks for
 * something else than the last poll did.
 */
public final class SessionPodPoller extends ExternalResourceCachingEventSource<PodObservation, WhatsAppSession, String>
        implements ResourceEventAware<WhatsAppSession> {

    public static final String NAME = "session-pod";
    private static final Logger LOG = Logger.getLogger(SessionPodPoller.class);

    private final Cache<WhatsAppSession> sessions;
    private final PodAsker asker;
    private final OperatorConfig.Poll intervals;
    private final PollSchedule schedule = new PollSchedule(Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-pod-poll").daemon().factory()));
    private final ExecutorService apiServerReads = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("session-pod-read-", 0).daemon().factory());
    private final Set<ResourceID> registered = ConcurrentHashMap.newKeySet();
    private final Set<ResourceID> asking = ConcurrentHashMap.newKeySet();
    private final Map<ResourceID, PollTarget> targets = new ConcurrentHashMap<>();

    private SessionPodPoller(EventSourceContext<WhatsAppSession> context, SessionApiClient api, KubernetesClient client,
                             OperatorConfig config) {
        super(NAME, PodObservation.class, ResourceIDMapper.singleResourceResourceIDMapper());
        this.sessions = context.getPrimaryCache();
        this.asker = new PodAsker(api, client, apiServerReads, config.poll().maxInFlight());
        this.intervals = config.poll();
    }

    public static SessionPodPoller create(EventSourceContext<WhatsAppSession> context, SessionApiClient api,
                                          KubernetesClient client, OperatorConfig config) {
        return new SessionPodPoller(context, api, client, config);
    }

    /**
     * JOSDK starts the sessions' own informer before this source: sessions announced in between are registered once
     * it runs, with those already known.
     */
    @Override
    public void start() {
        super.start();
        sessions.list().forEach(session -> register(ResourceID.fromResource(session)));
    }

    @Override
    public void stop() {
        super.stop();
        schedule.stop();
        apiServerReads.shutdownNow();
    }

    @Override
    public void onResourceCreated(WhatsAppSession session) {
        register(ResourceID.fromResource(session));
    }

    @Override
    public void onResourceUpdated(WhatsAppSession session, WhatsAppSession previous) {
        register(ResourceID.fromResource(session));
    }

    @Override
    public void onResourceDeleted(WhatsAppSession session) {
        ResourceID id = ResourceID.fromResource(session);
        registered.remove(id);
        targets.remove(id);
        schedule.forget(id);
        asker.forget(id);
        handleDelete(id);
    }

    /**
     * What the pod showed when last polled for {@code target}. When the last poll asked something else (e.g. the pod
     * became ready since), what needs no pod's answer is read now without waking the reconciler again (unless it finds
     * the pod stuck on an old revision: {@link StuckPodReplacement} replaces it in the next reconcile); the pod's
     * REST API is asked now, its answer wakes the reconciler, and until then there is nothing (empty).
     */
    public Optional<PodObservation> observe(WhatsAppSession session, PollTarget target) {
        ResourceID id = ResourceID.fromResource(session);
        targets.put(id, target);
        Optional<PodObservation> seen = getSecondaryResources(session).stream()
                .filter(last -> last.target().equals(target))
                .findFirst();
        if (seen.isPresent()) {
            return seen;
        }
        if (!PodAsker.asksThePod(target)) {
            PodObservation fresh = asker.ask(session, target).join();
            // a pod found stuck is replaced by the workflow, which ran before this look: it must run once more
            handleResources(id, Set.of(fresh), fresh.stuckOnOldRevision());
            return Optional.of(fresh);
        }
        if (isRunning() && registered.contains(id)) {
            schedule(id, Duration.ZERO);
        }
        return Optional.empty();
    }

    private void register(ResourceID id) {
        if (isRunning() && registered.add(id)) {
            schedule(id, Duration.ZERO);
        }
    }

    private void schedule(ResourceID id, Duration delay) {
        schedule.schedule(id, delay, () -> poll(id));
    }

    private void poll(ResourceID id) {
        if (!isRunning() || !registered.contains(id)) {
            return;
        }
        Optional<WhatsAppSession> session = sessions.get(id);
        if (session.isEmpty()) {
            // not in the informer's cache (yet, or any more: its deletion unregisters it): look again later
            schedule(id, intervals.connectedInterval());
            return;
        }
        if (!asking.add(id)) {
            LOG.debugf("poll %s: still asking", id);
            return;
        }
        PollTarget target = targets.getOrDefault(id, PollTarget.NOTHING);
        LOG.debugf("poll %s: asking %s", id, target);
        CompletableFuture<PodObservation> asked;
        try {
            asked = asker.ask(session.get(), target);
        } catch (RuntimeException failed) {
            asked = CompletableFuture.failedFuture(failed);
        }
        asked.whenComplete((seen, error) -> answered(id, target, seen, error));
    }

    private void answered(ResourceID id, PollTarget target, PodObservation seen, Throwable error) {
        LOG.debugf("poll %s: answered %s", id, error != null ? error
                : seen.state() != null ? seen.state().phase() : seen.apiError());
        asking.remove(id);
        if (!isRunning() || !registered.contains(id)) {
            return;
        }
        Duration next = intervals.pairingInterval();
        try {
            next = handled(id, target, seen, error);
        } catch (RuntimeException failed) {
            // thrown into a future nobody reads: logged here, and the session is still polled again
            LOG.errorf(failed, "could not handle the poll of session %s", id);
        } finally {
            schedule(id, next);
        }
    }

    /** When to ask again, once what was seen is cached (and, when it changed, the reconciler woken). */
    private Duration handled(ResourceID id, PollTarget target, PodObservation seen, Throwable error) {
        if (error != null) {
            LOG.warnf(error, "could not look at the pod of session %s", id);
            return intervals.pairingInterval();
        }
        handleResources(id, Set.of(seen));
        boolean retargeted = !target.equals(targets.getOrDefault(id, PollTarget.NOTHING));
        return retargeted ? Duration.ZERO : nextDelay(seen);
    }

    private Duration nextDelay(PodObservation last) {
        boolean fast = last.target().kind() == PollTarget.Kind.API && !last.connected();
        return fast ? intervals.pairingInterval() : intervals.connectedInterval();
    }
}
