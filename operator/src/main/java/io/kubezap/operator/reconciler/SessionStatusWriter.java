package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.dependent.RecentOperationCacheFiller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.DatabaseUnavailableException;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.events.StatusTransitions;
import io.kubezap.operator.metrics.ReconcileErrors;
import io.kubezap.operator.metrics.SessionPhaseGauge;
import io.kubezap.operator.model.IgnoredSpecFields;
import io.kubezap.operator.model.InstallationSinks;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.pause.ReconciliationPause;
import io.kubezap.operator.polling.PodObservation;
import io.kubezap.operator.polling.PodReportWriter;
import io.kubezap.operator.sessionapi.SessionEndpoint;
import io.kubezap.operator.status.CodePlacement;
import io.kubezap.operator.status.Observation;
import io.kubezap.operator.status.PausedStatus;
import io.kubezap.operator.status.PodReport;
import io.kubezap.operator.status.StatusAggregator;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one writer of a session's status: a reconcile's, a paused or failed reconcile's, and a pod's report, which is
 * written at once outside the reconcile queue. Each status comes from {@link StatusAggregator} (or
 * {@link PausedStatus}) and is written only when it changed; each change also gives its Events and the phase gauge.
 */
@ApplicationScoped
public class SessionStatusWriter {

    private static final Logger LOG = Logger.getLogger(SessionStatusWriter.class);

    private final EventRecorder events;
    private final SessionPhaseGauge phases;
    private final ReconcileErrors errors;
    private final OperatorConfig config;
    private final ReconciliationPause pause;

    public SessionStatusWriter(EventRecorder events, SessionPhaseGauge phases, ReconcileErrors errors,
                               OperatorConfig config) {
        this.events = events;
        this.phases = phases;
        this.errors = errors;
        this.config = config;
        this.pause = ReconciliationPause.of(config);
    }

    /** The status of what a reconcile observed, to be patched when it changed. */
    UpdateControl<WhatsAppSession> reconciled(WhatsAppSession session, Observation seen) {
        WhatsAppSessionStatus previous = session.getStatus();
        Instant now = Instant.now();
        WhatsAppSessionStatus aggregated = StatusAggregator.aggregate(previous, seen, now, codePlacement());
        WhatsAppSessionStatus next = pause.why(session).map(why -> PausedStatus.over(aggregated, previous,
                seen.generation(), why.reason().name(), why.message(), now)).orElse(aggregated);
        publish(session, previous, next);
        LOG.debugf("status %s/%s %s: %s", session.getMetadata().getNamespace(), session.getMetadata().getName(),
                next.equals(previous) ? "unchanged" : "patched", next.getPhase());
        return next.equals(previous) ? UpdateControl.noUpdate() : UpdateControl.patchStatus(withStatus(session, next));
    }

    /** Nothing reconciled: only the status says why. */
    UpdateControl<WhatsAppSession> paused(WhatsAppSession session, ReconciliationPause.Why why) {
        WhatsAppSessionStatus previous = session.getStatus();
        WhatsAppSessionStatus next = PausedStatus.of(previous, baseObservation(session).generation(),
                why.reason().name(), why.message(), Instant.now());
        LOG.debugf("paused: %s", why.reason());
        return next.equals(previous) ? UpdateControl.noUpdate() : UpdateControl.patchStatus(withStatus(session, next));
    }

    /** The status of a reconcile that failed, said in a Warning Event too, and counted. */
    ErrorStatusUpdateControl<WhatsAppSession> failed(WhatsAppSession session, Exception e) {
        Throwable cause = ReconcileFailure.cause(e);
        String reason = (cause instanceof ReasonedFailure failure ? failure.reason()
                : cause instanceof DatabaseUnavailableException ? Reason.DatabaseUnavailable : Reason.ReconcileError).name();
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        events.record(session, SessionEvent.warning(reason, message));
        errors.record(reason, cause instanceof ReasonedFailure);
        WhatsAppSessionStatus previous = session.getStatus();
        WhatsAppSessionStatus next = StatusAggregator.aggregate(previous,
                baseObservation(session).with(Observation.Dependents.failed(reason, message)), Instant.now(),
                codePlacement());
        phases.record(ResourceID.fromResource(session), next.getPhase());
        return next.equals(previous) ? ErrorStatusUpdateControl.noStatusUpdate()
                : ErrorStatusUpdateControl.patchStatus(withStatus(session, next));
    }

    /** Writes the status pods' reports make, at once, with the client and the sessions' cache of {@code context}. */
    PodReportWriter podReports(EventSourceContext<WhatsAppSession> context) {
        OutsideReconcile write = new OutsideReconcile(context);
        return (session, seen) -> podReported(session, seen, write);
    }

    /**
     * A pod that notified a change answered: when the status shows the session served by its ready pod (and the report
     * shows no code, whose pairing Secret only the reconcile writes), the status its report makes is written now, not
     * when the session's turn among the queued reconciles comes (after an operator's start, thousands); the reconcile
     * the answer wakes finds it written. Otherwise the reconcile writes it.
     */
    private void podReported(WhatsAppSession session, PodObservation seen, OutsideReconcile write) {
        if (seen.state() == null || !PodReport.needsNoDependent(seen.state()) || !PodReport.servedByReadyPod(session)
                || pause.applies(session)) {
            return;
        }
        try (SessionLogContext named = SessionLogContext.of(session)) {
            WhatsAppSessionStatus previous = session.getStatus();
            WhatsAppSessionStatus next = StatusAggregator.aggregate(previous, PodReport.observation(session, seen.state(),
                    IgnoredSpecFields.of(session.getSpec(), InstallationSinks.of(config.session()))), Instant.now(),
                    codePlacement());
            boolean written = !next.equals(previous) && write.write(session, withStatus(session, next));
            LOG.debugf("status %s/%s from its pod's report: %s", session.getMetadata().getNamespace(),
                    session.getMetadata().getName(), written ? "patched " + next.getPhase() : "left to its reconcile");
            if (written) {
                publish(session, previous, next);
            }
        }
    }

    /** What a session's status starts from before anything was observed. */
    static Observation baseObservation(WhatsAppSession session) {
        Long generation = session.getMetadata().getGeneration();
        return new Observation(generation == null ? 0 : generation, SessionEndpoint.reported(session),
                SessionObjects.apiKeySecretName(session), session.getSpec().suspended(), true, false, null, null)
                .withHost(session.getStatus() == null ? null : session.getStatus().getHost());
    }

    /** Whether the installation shows the code that links a phone in the status too (chart: session.pairingCodesInStatus). */
    private CodePlacement codePlacement() {
        return CodePlacement.of(config.session().pairingCodesInStatus());
    }

    private void publish(WhatsAppSession session, WhatsAppSessionStatus previous, WhatsAppSessionStatus next) {
        SessionPhase before = previous == null ? null : previous.getPhase();
        if (before != next.getPhase()) {
            LOG.infof("phase %s -> %s", before, next.getPhase());
        }
        StatusTransitions.between(previous, next).forEach(event -> events.record(session, event));
        phases.record(ResourceID.fromResource(session), next.getPhase());
    }

    /** Only the status travels in the patch; the operator never writes spec. */
    static WhatsAppSession withStatus(WhatsAppSession session, WhatsAppSessionStatus status) {
        WhatsAppSession patch = new WhatsAppSession();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(session.getMetadata().getName())
                .withNamespace(session.getMetadata().getNamespace())
                .build());
        patch.setSpec(null);
        patch.setStatus(status);
        return patch;
    }

    /**
     * Writes a session's status outside its reconcile (a pod's own report), as JOSDK writes a reconcile's: server-side
     * apply with the controller's field manager or, where the operator does not apply (the tests' mock API server), a
     * JSON Patch that replaces {@code /status}. Either way the whole status is replaced, never merged into the one
     * stored: a JSON merge patch cannot remove a field (the NON_NULL status leaves out the pairing a connected session
     * no longer has, so the stale one stayed), and the fabric8 mock API server merges a patch's lists into the stored
     * ones (each write appended its conditions after the old ones, and a reconcile's JSON Patch, computed by list index
     * from another copy, then removed the Ready ones). Only on the resource version it was computed from (the patch
     * sets it: the API server refuses a changed session with 409, as the mock does; the mock does not check it on an
     * update of the status subresource): a session changed since is left to its reconcile. The written resource goes
     * to the sessions' cache at once, as JOSDK does after a reconcile's write, so a reconcile that runs before the
     * watch brings it starts from it.
     */
    static final class OutsideReconcile {

        private final KubernetesClient client;
        private final Cache<WhatsAppSession> sessions;
        /** The server-side apply of the controller's field manager, or null to write by JSON Patch. */
        private final PatchContext apply;

        OutsideReconcile(EventSourceContext<WhatsAppSession> context) {
            this(context.getClient(), context.getPrimaryCache(),
                    context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()
                            ? context.getControllerConfiguration().fieldManager() : null);
        }

        /** {@code fieldManager}: the controller's, for server-side apply; null where the operator does not apply. */
        OutsideReconcile(KubernetesClient client, Cache<WhatsAppSession> sessions, String fieldManager) {
            this.client = client;
            this.sessions = sessions;
            this.apply = fieldManager == null ? null : new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(fieldManager).withForce(true).build();
        }

        /**
         * {@code withStatus} (name, namespace and status only) written over {@code session}; false when the session
         * changed since the version it was computed from.
         */
        boolean write(WhatsAppSession session, WhatsAppSession withStatus) {
            withStatus.getMetadata().setResourceVersion(session.getMetadata().getResourceVersion());
            WhatsAppSession written;
            try {
                var status = client.resource(withStatus).subresource("status");
                written = apply != null ? status.patch(apply)
                        : status.patch(PatchContext.of(PatchType.JSON), replacing(withStatus));
            } catch (KubernetesClientException conflict) {
                if (conflict.getCode() == 409) {
                    return false;
                }
                throw conflict;
            }
            if (sessions instanceof RecentOperationCacheFiller<?> filler) {
                @SuppressWarnings("unchecked")
                RecentOperationCacheFiller<WhatsAppSession> cache = (RecentOperationCacheFiller<WhatsAppSession>) filler;
                cache.handleRecentResourceUpdate(ResourceID.fromResource(written), written, session);
            }
            return true;
        }

        /** A JSON Patch that replaces the whole status, on the resource version {@code withStatus} names. */
        private String replacing(WhatsAppSession withStatus) {
            return client.getKubernetesSerialization().asJson(List.of(
                    Map.of("op", "replace", "path", "/metadata/resourceVersion",
                            "value", withStatus.getMetadata().getResourceVersion()),
                    Map.of("op", "add", "path", "/status", "value", withStatus.getStatus())));
        }
    }
}
