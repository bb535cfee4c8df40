package io.kubezap.operator.polling;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.PodCreationFailures;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.sessionapi.SessionApiClient;
import io.kubezap.operator.sessionapi.UnknownPhaseException;
import io.kubezap.operator.status.PodDiagnosis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Asks a session's pod what a {@link PollTarget} says to ask, without a thread waiting on the pod: its REST API through
 * the asynchronous {@link SessionApiClient#state}, each call bounded by {@code kubezap.session.request-timeout}. Calls
 * to pods whose last call failed (unreachable, hung, refusing) take a lane of their own, so however many of those
 * there are, they never hold a slot a healthy pod's call needs; each lane has at most
 * {@code kubezap.poll.max-in-flight} calls under way. A process that just started has seen no call fail: until one of
 * its calls to a pod ends, the session's status (Ready False with reason {@code SessionApiUnreachable}) stands in for
 * the last call. A call for a pod that notified a change goes ahead of the calls waiting in its lane (e.g. the sweep
 * that asks every pod after a restart).
 */
final class PodAsker {

    private final SessionApiClient api;
    private final KubernetesClient client;
    private final Executor apiServerReads;
    private final InFlightLimit answering;
    private final InFlightLimit failing;
    /** Whether each session's last call in this process failed; for those not asked yet, the status says. */
    private final Map<ResourceID, Boolean> lastFailed = new ConcurrentHashMap<>();

    PodAsker(SessionApiClient api, KubernetesClient client, Executor apiServerReads, int maxInFlight) {
        this.api = api;
        this.client = client;
        this.apiServerReads = apiServerReads;
        this.answering = new InFlightLimit(maxInFlight);
        this.failing = new InFlightLimit(maxInFlight);
    }

    /** Asking the pod itself ({@link PollTarget.Kind#POD}) reads it from the API server, on {@code apiServerReads}. */
    CompletableFuture<PodObservation> ask(WhatsAppSession session, PollTarget target) {
        return ask(session, target, false);
    }

    /** {@code notified}: the pod said its state changed, so its call goes ahead of those waiting in its lane. */
    CompletableFuture<PodObservation> ask(WhatsAppSession session, PollTarget target, boolean notified) {
        return switch (target.kind()) {
            case NOTHING -> CompletableFuture.completedFuture(PodObservation.nothing(target));
            case POD -> CompletableFuture.supplyAsync(() -> pod(session, target), apiServerReads);
            case API -> api(session, target, notified);
        };
    }

    /** Whether {@link #ask} calls the pod's REST API; otherwise it answers at once or from the API server. */
    static boolean asksThePod(PollTarget target) {
        return target.kind() == PollTarget.Kind.API && target.apiKey() != null;
    }

    void forget(ResourceID session) {
        lastFailed.remove(session);
    }

    private PodObservation pod(WhatsAppSession session, PollTarget target) {
        var pod = client.pods().inNamespace(session.getMetadata().getNamespace())
                .withName(session.getMetadata().getName() + "-0").get();
        var problem = pod != null ? PodDiagnosis.of(pod)
                : PodDiagnosis.notCreated(session.getMetadata().getName(), creationFailures(session));
        return new PodObservation(target, null, null, null, problem.orElse(null),
                StuckPods.stuckOnOldRevision(target.updateRevision(), pod));
    }

    /**
     * The StatefulSet's FailedCreate Events, read only while its pod does not exist; the field selector lets the API
     * server send just those (at 10,000 sessions no Event informer is kept for the few whose pod is refused).
     */
    private List<Event> creationFailures(WhatsAppSession session) {
        return client.v1().events().inNamespace(session.getMetadata().getNamespace())
                .withField("involvedObject.kind", "StatefulSet")
                .withField("involvedObject.name", session.getMetadata().getName())
                .withField("reason", PodCreationFailures.EVENT_REASON)
                .list().getItems();
    }

    private CompletableFuture<PodObservation> api(WhatsAppSession session, PollTarget target, boolean notified) {
        if (target.apiKey() == null) {
            return CompletableFuture.completedFuture(
                    new PodObservation(target, null, "the API key Secret is not there yet", null, null, false));
        }
        ResourceID id = ResourceID.fromResource(session);
        InFlightLimit lane = lastCallFailed(id, session) ? failing : answering;
        return lane.submit(() -> api.state(session, target.apiKey()), notified).handle((state, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            lastFailed.put(id, cause != null && !(cause instanceof UnknownPhaseException));
            if (cause == null) {
                return new PodObservation(target, state, null, null, null, false);
            }
            if (cause instanceof UnknownPhaseException unknown) {
                return new PodObservation(target, null, null, unknown.phase(), null, false);
            }
            return new PodObservation(target, null,
                    Objects.toString(cause.getMessage(), cause.getClass().getSimpleName()), null, null, false);
        });
    }

    private boolean lastCallFailed(ResourceID id, WhatsAppSession session) {
        Boolean failed = lastFailed.get(id);
        return failed != null ? failed : statusSaysNotAnswering(session);
    }

    private static boolean statusSaysNotAnswering(WhatsAppSession session) {
        var status = session.getStatus();
        return status != null && status.condition(WhatsAppSessionStatus.CONDITION_READY)
                .filter(ready -> Reason.SessionApiUnreachable.name().equals(ready.getReason())).isPresent();
    }
}
