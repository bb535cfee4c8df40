package io.kubezap.operator.polling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.AdminCredentialsSource;
import io.kubezap.operator.sessionapi.SessionApiClient;
import io.kubezap.operator.status.PodReport;
import io.kubezap.operator.workflow.ApiKeySecretDependent;
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
 * or does not answer, every {@code kubezap.poll.backstop-interval} (minutes) once connected while the pods' state
 * notifications are heard ({@link StateNotifications}), every {@code kubezap.poll.connected-interval} once connected
 * while they are not, or while the pod is not ready (its StatefulSet's changes wake the reconciler anyway) or nothing
 * is to be asked; at once when a reconcile asks for something else than the last poll did, when the session's pod
 * notifies a change (no sooner than {@code kubezap.poll.notified-gap} after the session's last poll), and, for every
 * session, when the listening (re)starts. A poll wanted while the session is being asked runs once the answer is in.
 * A notification only makes the operator ask the pod's own REST API, of a session whose pod is ready: any tenant may
 * notify any name, and all it gets is a poll that reads the real pod.
 *
 * <p>A notified pod's answer goes to the status at once ({@link PodReportWriter}), not through the reconcile queue,
 * which after an operator's start holds every session's first reconcile, first come first served. A session this
 * process has not reconciled yet has no target: when its status shows its pod ready and answering, the notification
 * asks the pod's REST API with the key its API-key Secret holds (read from the API server), as its reconcile would.
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
    /** Sessions a poll was wanted for while they were being asked. */
    private final Set<ResourceID> askAgain = ConcurrentHashMap.newKeySet();
    /** When each session was last asked ({@link System#nanoTime()}), for {@code kubezap.poll.notified-gap}. */
    private final Map<ResourceID, Long> askedAt = new ConcurrentHashMap<>();
    /** Sessions whose pod notified a change since their last poll began: that poll's call goes ahead of the queue. */
    private final Set<ResourceID> notifiedSince = ConcurrentHashMap.newKeySet();
    private final StateNotifications notifications;
    private final KubernetesClient client;
    private final PodReportWriter reports;
    /** A notified answer's status write and the API-key read of a session not reconciled yet: never a pod's call. */
    private final ExecutorService notifiedWork = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("session-pod-notified-", 0).daemon().factory());
    /** Sessions whose target is being read for a notification, before their first reconcile. */
    private final Set<ResourceID> targeting = ConcurrentHashMap.newKeySet();

    private SessionPodPoller(EventSourceContext<WhatsAppSession> context, SessionApiClient api, KubernetesClient client,
                             OperatorConfig config, AdminCredentialsSource database, PodReportWriter reports) {
        super(NAME, PodObservation.class, ResourceIDMapper.singleResourceResourceIDMapper());
        this.sessions = context.getPrimaryCache();
        this.asker = new PodAsker(api, client, apiServerReads, config.poll().maxInFlight());
        this.intervals = config.poll();
        this.notifications = new StateNotifications(database, this::notified, this::askEveryPod);
        this.client = client;
        this.reports = reports;
    }

    public static SessionPodPoller create(EventSourceContext<WhatsAppSession> context, SessionApiClient api,
                                          KubernetesClient client, OperatorConfig config, AdminCredentialsSource database,
                                          PodReportWriter reports) {
        return new SessionPodPoller(context, api, client, config, database, reports);
    }

    /**
     * JOSDK starts the sessions' own informer before this source: sessions announced in between are registered once
     * it runs, with those already known.
     */
    @Override
    public void start() {
        super.start();
        sessions.list().forEach(session -> register(ResourceID.fromResource(session)));
        notifications.start();
    }

    @Override
    public void stop() {
        super.stop();
        notifications.stop();
        schedule.stop();
        apiServerReads.shutdownNow();
        notifiedWork.shutdownNow();
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
        askAgain.remove(id);
        askedAt.remove(id);
        notifiedSince.remove(id);
        targeting.remove(id);
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

    /**
     * The session's pod said its state changed: its REST API is asked at once (or once the poll under way is answered,
     * and no sooner than {@code kubezap.poll.notified-gap} after the last poll), when a poll would ask it anyway.
     */
    void notified(ResourceID id) {
        askOnce(id, true);
    }

    /** Notifications sent while nobody listened are lost: every pod that a poll would ask is asked once. */
    private void askEveryPod() {
        registered.forEach(id -> askOnce(id, false));
    }

    /** {@code byPod}: its pod notified, so its call goes ahead of the calls waiting for a slot ({@link PodAsker}). */
    private void askOnce(ResourceID id, boolean byPod) {
        PollTarget target = targets.get(id);
        if (target == null && byPod && isRunning() && registered.contains(id)) {
            targetBeforeReconcile(id);
            return;
        }
        if (!isRunning() || !registered.contains(id) || target == null || !PodAsker.asksThePod(target)) {
            return;
        }
        LOG.debugf("poll %s: %s", id, byPod ? "notified" : "asked once, as every pod");
        if (byPod) {
            notifiedSince.add(id);
        }
        if (!asking.contains(id)) {
            schedule(id, notifiedDelay(id));
            return;
        }
        askAgain.add(id);
        if (!asking.contains(id) && askAgain.remove(id)) {
            schedule(id, notifiedDelay(id)); // answered in between, after its look at askAgain
        }
    }

    /**
     * A notification for a session this process has not reconciled yet (its reconcile may be thousands away): when
     * its status shows its pod ready and answering, the pod's REST API is asked with the key of the session's API-key
     * Secret, the target its reconcile would set; otherwise the notification waits for that reconcile.
     */
    private void targetBeforeReconcile(ResourceID id) {
        if (!targeting.add(id)) {
            return;
        }
        notifiedWork.execute(() -> {
            try {
                sessions.get(id).filter(PodReport::servedByReadyPod).flatMap(this::apiKey).ifPresent(key -> {
                    LOG.debugf("poll %s: notified before its first reconcile, asking its pod's API", id);
                    targets.putIfAbsent(id, PollTarget.api(key));
                    askOnce(id, true);
                });
            } catch (RuntimeException failed) {
                LOG.warnf("could not read the API key of session %s for its pod's notification: %s", id, failed.getMessage());
            } finally {
                targeting.remove(id);
            }
        });
    }

    private Optional<String> apiKey(WhatsAppSession session) {
        return Optional.ofNullable(client.secrets().inNamespace(session.getMetadata().getNamespace())
                        .withName(SessionObjectNames.apiKeySecretName(session.getMetadata().getName())).get())
                .map(ApiKeySecretDependent::apiKey);
    }

    private Duration notifiedDelay(ResourceID id) {
        Long last = askedAt.get(id);
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = intervals.notifiedGap().minusNanos(System.nanoTime() - last);
        return left.isNegative() ? Duration.ZERO : left;
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
            LOG.debugf("poll %s: still asking, again once answered", id);
            askAgain.add(id);
            if (!asking.contains(id) && askAgain.remove(id)) {
                schedule(id, Duration.ZERO); // answered in between, after its look at askAgain
            }
            return;
        }
        askedAt.put(id, System.nanoTime());
        boolean notified = notifiedSince.remove(id);
        PollTarget target = targets.getOrDefault(id, PollTarget.NOTHING);
        LOG.debugf("poll %s: asking %s", id, target);
        CompletableFuture<PodObservation> asked;
        try {
            asked = asker.ask(session.get(), target, notified);
        } catch (RuntimeException failed) {
            asked = CompletableFuture.failedFuture(failed);
        }
        asked.whenComplete((seen, error) -> {
            if (notified && error == null && seen.state() != null) {
                notifiedWork.execute(() -> reported(session.get(), id, target, seen));
            } else {
                answered(id, target, seen, error);
            }
        });
    }

    /** A notified pod's state: to the status at once, then as every answer (cached, the reconciler woken if it changed). */
    private void reported(WhatsAppSession asked, ResourceID id, PollTarget target, PodObservation seen) {
        try {
            reports.write(sessions.get(id).orElse(asked), seen);
        } catch (RuntimeException failed) {
            LOG.warnf(failed, "could not write the status the pod of session %s reported; its reconcile will", id);
        } finally {
            answered(id, target, seen, null);
        }
    }

    private void answered(ResourceID id, PollTarget target, PodObservation seen, Throwable error) {
        LOG.debugf("poll %s: answered %s", id, error != null ? error
                : seen.state() != null ? seen.state().phase() : seen.apiError());
        if (!isRunning() || !registered.contains(id)) {
            asking.remove(id);
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
            // after the next poll is scheduled: a poll wanted meanwhile is scheduled after it, so it is the one that runs
            asking.remove(id);
            if (askAgain.remove(id)) {
                schedule(id, notifiedDelay(id));
            }
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
        boolean api = last.target().kind() == PollTarget.Kind.API;
        if (api && !last.connected()) {
            return intervals.pairingInterval();
        }
        return api && notifications.listening() ? intervals.backstopInterval() : intervals.connectedInterval();
    }
}
