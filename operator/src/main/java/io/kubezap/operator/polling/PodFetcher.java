package io.kubezap.operator.polling;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource.ResourceFetcher;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.sessionapi.SessionApiClient;
import io.kubezap.operator.sessionapi.SessionApiException;
import io.kubezap.operator.sessionapi.UnknownPhaseException;
import io.kubezap.operator.status.PodDiagnosis;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks a session's pod what its last reconcile said to ask ({@link PollTarget}), and says when to ask again: about
 * every {@code kubezap.poll.pairing-interval} while the session starts, pairs, reconnects or does not answer, every
 * {@code kubezap.poll.connected-interval} once connected or while the pod is not ready (its StatefulSet's changes
 * wake the reconciler anyway) or nothing is to be asked.
 */
final class PodFetcher implements ResourceFetcher<PodObservation, WhatsAppSession> {

    private final Map<ResourceID, PollTarget> targets = new ConcurrentHashMap<>();
    private final SessionApiClient api;
    private final KubernetesClient client;
    private final OperatorConfig.Poll intervals;

    PodFetcher(SessionApiClient api, KubernetesClient client, OperatorConfig.Poll intervals) {
        this.api = api;
        this.client = client;
        this.intervals = intervals;
    }

    void target(ResourceID session, PollTarget target) {
        targets.put(session, target);
    }

    void forget(ResourceID session) {
        targets.remove(session);
    }

    @Override
    public Set<PodObservation> fetchResources(WhatsAppSession session) {
        return Set.of(fetch(session));
    }

    PodObservation fetch(WhatsAppSession session) {
        PollTarget target = targets.getOrDefault(ResourceID.fromResource(session), PollTarget.NOTHING);
        return switch (target.kind()) {
            case NOTHING -> PodObservation.nothing(target);
            case POD -> pod(session, target);
            case API -> api(session, target);
        };
    }

    private PodObservation pod(WhatsAppSession session, PollTarget target) {
        var pod = client.pods().inNamespace(session.getMetadata().getNamespace())
                .withName(session.getMetadata().getName() + "-0").get();
        return new PodObservation(target, null, null, null, PodDiagnosis.of(pod).orElse(null),
                StuckPods.stuckOnOldRevision(target.updateRevision(), pod));
    }

    private PodObservation api(WhatsAppSession session, PollTarget target) {
        if (target.apiKey() == null) {
            return new PodObservation(target, null, "the API key Secret is not there yet", null, null, false);
        }
        try {
            return new PodObservation(target, api.state(session, target.apiKey()), null, null, null, false);
        } catch (UnknownPhaseException e) {
            return new PodObservation(target, null, null, e.phase(), null, false);
        } catch (SessionApiException e) {
            return new PodObservation(target, null, e.getMessage(), null, null, false);
        }
    }

    @Override
    public Optional<Duration> fetchDelay(Set<PodObservation> lastFetched, WhatsAppSession session) {
        PodObservation last = lastFetched == null ? null : lastFetched.stream().findFirst().orElse(null);
        boolean fast = last != null && last.target().kind() == PollTarget.Kind.API && !last.connected();
        return Optional.of(fast ? intervals.pairingInterval() : intervals.connectedInterval());
    }
}
