package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.DatabaseUnavailableException;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.events.StatusTransitions;
import io.kubezap.operator.metrics.SessionPhaseGauge;
import io.kubezap.operator.resources.AdmittedCondition;
import io.kubezap.operator.resources.ApiKeySecretDependent;
import io.kubezap.operator.resources.ClaimExpansion;
import io.kubezap.operator.resources.DatabaseSecretDependent;
import io.kubezap.operator.resources.DatabaseSecretSource;
import io.kubezap.operator.resources.ReferencedSecrets;
import io.kubezap.operator.resources.SessionObjects;
import io.kubezap.operator.resources.SessionServiceDependent;
import io.kubezap.operator.resources.SessionStatefulSetDependent;
import io.kubezap.operator.sessionapi.SessionApiClient;
import io.kubezap.operator.sessionapi.SessionApiException;
import io.kubezap.operator.sessionapi.SessionState;
import io.kubezap.operator.status.Observation;
import io.kubezap.operator.status.PodDiagnosis;
import io.kubezap.operator.status.StatusAggregator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a WhatsAppSession: its dependents (API-key Secret, database Secret copy, Service, StatefulSet) come from
 * the workflow (the two Secrets share one informer, "api-key"'s; the StatefulSet waits for both); this
 * class observes the pod and its REST API, writes status when it changed and decides when to look again.
 */
@ControllerConfiguration(name = WhatsAppSessionReconciler.NAME)
@Workflow(dependents = {
        @Dependent(name = "api-key", type = ApiKeySecretDependent.class),
        @Dependent(name = "database", type = DatabaseSecretDependent.class,
                useEventSourceWithName = "api-key"),
        @Dependent(name = "service", type = SessionServiceDependent.class),
        @Dependent(name = "statefulset", type = SessionStatefulSetDependent.class,
                dependsOn = {"api-key", "database"},
                reconcilePrecondition = AdmittedCondition.class)
})
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public class WhatsAppSessionReconciler implements Reconciler<WhatsAppSession>, Cleaner<WhatsAppSession> {

    public static final String NAME = "whatsappsession";

    private final OperatorConfig config;
    private final SessionAdmission admission;
    private final SessionApiClient api;
    private final EventRecorder events;
    private final SessionPhaseGauge phases;
    private final SessionLogout logout;
    private final ClaimExpansion claims;
    private final SessionDataRelease dataRelease;
    private final DatabaseSecretSource databaseSource;

    public WhatsAppSessionReconciler(OperatorConfig config, SessionAdmission admission,
                                     SessionApiClient api, EventRecorder events, SessionPhaseGauge phases,
                                     SessionLogout logout, ClaimExpansion claims, SessionDataRelease dataRelease,
                                     DatabaseSecretSource databaseSource) {
        this.config = config;
        this.admission = admission;
        this.api = api;
        this.events = events;
        this.phases = phases;
        this.logout = logout;
        this.claims = claims;
        this.dataRelease = dataRelease;
        this.databaseSource = databaseSource;
    }

    @Override
    public UpdateControl<WhatsAppSession> reconcile(WhatsAppSession session, Context<WhatsAppSession> context) {
        WhatsAppSessionStatus previous = session.getStatus();
        WhatsAppSessionStatus next = StatusAggregator.aggregate(previous, observe(session, context), Instant.now());
        claims.apply(session, context.getSecondaryResource(StatefulSet.class)).ifPresent(outcome -> {
            events.record(session, outcome.expanded() ? SessionEvent.normal("StorageExpanded", outcome.message())
                    : SessionEvent.warning(ClaimExpansion.REASON_UNSUPPORTED, outcome.message()));
            if (!outcome.expanded()) {
                StatusAggregator.storageNotExpandable(previous, next, outcome.message(), Instant.now());
            }
        });
        publish(session, previous, next);
        UpdateControl<WhatsAppSession> control = next.equals(previous)
                ? UpdateControl.noUpdate() : UpdateControl.patchStatus(withStatus(session, next));
        return nextLook(next).map(control::rescheduleAfter).orElse(control);
    }

    @Override
    public List<EventSource<?, WhatsAppSession>> prepareEventSources(EventSourceContext<WhatsAppSession> context) {
        List<EventSource<?, WhatsAppSession>> sources = new ArrayList<>();
        sources.add(ReferencedSecrets.eventSource(context));
        databaseSource.eventSource(context).ifPresent(sources::add);
        return sources;
    }

    @Override
    public ErrorStatusUpdateControl<WhatsAppSession> updateErrorStatus(WhatsAppSession session,
                                                                       Context<WhatsAppSession> context, Exception e) {
        Throwable cause = ReconcileFailure.cause(e);
        String reason = cause instanceof MissingSecretException missing ? missing.reason()
                : cause instanceof DatabaseUnavailableException ? DatabaseUnavailableException.REASON : "ReconcileError";
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        events.record(session, SessionEvent.warning(reason, message));
        WhatsAppSessionStatus previous = session.getStatus();
        WhatsAppSessionStatus next = StatusAggregator.blocked(previous, baseObservation(session), reason, message,
                Instant.now());
        phases.record(ResourceID.fromResource(session), next.getPhase());
        return next.equals(previous) ? ErrorStatusUpdateControl.noStatusUpdate()
                : ErrorStatusUpdateControl.patchStatus(withStatus(session, next));
    }

    @Override
    public DeleteControl cleanup(WhatsAppSession session, Context<WhatsAppSession> context) {
        DeleteControl control = logout.beforeDeletion(session, context);
        if (control.isRemoveFinalizer()) {
            control = dataRelease.beforeDeletion(session);
        }
        if (control.isRemoveFinalizer()) {
            admission.release(ResourceID.fromResource(session));
            phases.forget(ResourceID.fromResource(session));
        }
        return control;
    }

    private Observation observe(WhatsAppSession session, Context<WhatsAppSession> context) {
        boolean admitted = admission.isAdmitted(ResourceID.fromResource(session));
        boolean podReady = context.getSecondaryResource(StatefulSet.class)
                .map(s -> s.getStatus() != null && s.getStatus().getReadyReplicas() != null
                        && s.getStatus().getReadyReplicas() > 0)
                .orElse(false);
        SessionState state = null;
        String apiError = null;
        if (admitted && podReady && !session.getSpec().suspended()) {
            try {
                String apiKey = ApiKeySecretDependent.apiKey(session, context)
                        .orElseThrow(() -> new SessionApiException("the API key Secret is not there yet"));
                state = api.state(session, apiKey);
            } catch (SessionApiException e) {
                apiError = e.getMessage();
            }
        }
        PodDiagnosis.Problem podProblem = admitted && !podReady && !session.getSpec().suspended()
                ? podProblem(session, context) : null;
        Observation base = baseObservation(session);
        return new Observation(base.generation(), base.endpoint(), base.apiKeySecret(), session.getSpec().suspended(),
                admitted, podReady, state, apiError, podProblem);
    }

    /**
     * The StatefulSet's only pod, {@code <name>-0}, read directly (pods are not cached by the operator); one stuck on
     * an old revision of the template is replaced.
     */
    private PodDiagnosis.Problem podProblem(WhatsAppSession session, Context<WhatsAppSession> context) {
        var pod = context.getClient().pods().inNamespace(session.getMetadata().getNamespace())
                .withName(session.getMetadata().getName() + "-0").get();
        if (StuckPods.replaceIfStuck(context.getClient(), context.getSecondaryResource(StatefulSet.class).orElse(null), pod)) {
            events.record(session, SessionEvent.normal("StuckPodReplaced", "pod " + pod.getMetadata().getName()
                    + " never became ready on an old revision of its template; deleted so it starts on the current one"));
            return null;
        }
        return PodDiagnosis.of(pod).orElse(null);
    }

    private static Observation baseObservation(WhatsAppSession session) {
        Long generation = session.getMetadata().getGeneration();
        return new Observation(generation == null ? 0 : generation, SessionObjects.endpoint(session),
                SessionObjects.apiKeySecretName(session), session.getSpec().suspended(), true, false, null, null);
    }

    private void publish(WhatsAppSession session, WhatsAppSessionStatus previous, WhatsAppSessionStatus next) {
        StatusTransitions.between(previous, next).forEach(event -> events.record(session, event));
        phases.record(ResourceID.fromResource(session), next.getPhase());
    }

    /**
     * Poll fast while the pod answers but something is about to happen (starting, pairing, reconnecting) or while
     * it does not answer; slowly once connected, or while waiting for the pod (its StatefulSet's status changes wake
     * the reconciler anyway) or for a free slot; not at all while suspended.
     */
    private Optional<Duration> nextLook(WhatsAppSessionStatus status) {
        if (status.getPhase() == SessionPhase.Suspended) {
            return Optional.empty();
        }
        String podReason = status.condition(WhatsAppSessionStatus.CONDITION_POD_READY).map(c -> c.getReason()).orElse("");
        boolean podReady = status.condition(WhatsAppSessionStatus.CONDITION_POD_READY)
                .map(c -> "True".equals(c.getStatus())).orElse(false);
        boolean settled = status.getPhase() == SessionPhase.Connected
                || (!podReady && !podReason.equals(StatusAggregator.REASON_API_UNREACHABLE));
        return Optional.of(settled ? config.poll().connectedInterval() : config.poll().pairingInterval());
    }

    /** Only the status travels in the patch; the operator never writes spec. */
    private static WhatsAppSession withStatus(WhatsAppSession session, WhatsAppSessionStatus status) {
        WhatsAppSession patch = new WhatsAppSession();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(session.getMetadata().getName())
                .withNamespace(session.getMetadata().getNamespace())
                .build());
        patch.setSpec(null);
        patch.setStatus(status);
        return patch;
    }
}
