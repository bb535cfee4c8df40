package io.kubezap.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.gateway.GatewayKeyCopies;
import io.kubezap.operator.metrics.SessionPhaseGauge;
import io.kubezap.operator.model.PodTemplateHashes;
import io.kubezap.operator.model.SessionAdmission;
import io.kubezap.operator.model.SessionKey;
import io.kubezap.operator.namespace.NamespaceObjects;
import io.kubezap.operator.workflow.SessionHosts;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What deleting a session does before its finalizer goes: the workflow's dependents first (as the Operator SDK does
 * when it invokes the workflow itself), the logout, the session's data, then the rest: its gateway key copy, its
 * namespace's objects when it is the namespace's last session, and what the operator remembers of it. When every other
 * session of the namespace is being deleted too, the one whose name sorts last waits for them before it starts
 * ({@link NamespaceObjects#waitsForOthers}), so that one cleanup finds itself alone.
 */
@ApplicationScoped
public class SessionRemoval {

    /** How soon a cleanup that waits for the namespace's other sessions looks again. */
    static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(1);

    private final SessionLogout logout;
    private final SessionDataRelease dataRelease;
    private final GatewayKeyCopies gatewayKeys;
    private final NamespaceObjects namespaceObjects;
    private final SessionAdmission admission;
    private final SessionPhaseGauge phases;
    private final PodTemplateHashes templateHashes;
    private final EventRecorder events;
    private final SessionHosts hosts;
    /** The sessions whose cleanup said it waits, so that it says so once. */
    private final Set<SessionKey> waiting = ConcurrentHashMap.newKeySet();

    public SessionRemoval(SessionLogout logout, SessionDataRelease dataRelease, GatewayKeyCopies gatewayKeys,
                          NamespaceObjects namespaceObjects, SessionAdmission admission, SessionPhaseGauge phases,
                          PodTemplateHashes templateHashes, EventRecorder events, SessionHosts hosts) {
        this.logout = logout;
        this.dataRelease = dataRelease;
        this.gatewayKeys = gatewayKeys;
        this.namespaceObjects = namespaceObjects;
        this.admission = admission;
        this.phases = phases;
        this.templateHashes = templateHashes;
        this.events = events;
        this.hosts = hosts;
    }

    public DeleteControl cleanup(WhatsAppSession session, Context<WhatsAppSession> context) {
        SessionKey key = SessionKey.of(session);
        if (namespaceObjects.waitsForOthers(session, context, other -> waiting.contains(SessionKey.of(other)))) {
            if (waiting.add(key)) {
                events.record(session, SessionEvent.normal(Reason.WaitingForOtherSessions, "every other session of "
                        + key.namespace() + " is being deleted too: this one goes last, and takes the namespace's "
                        + "headless Service and NetworkPolicies with it"));
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_OTHERS.toMillis());
        }
        waiting.remove(key);
        boolean dependentsGone = context.managedWorkflowAndDependentResourceContext().cleanupManageWorkflow()
                .allPostConditionsMet();
        DeleteControl control = logout.beforeDeletion(session, context);
        if (control.isRemoveFinalizer()) {
            control = dataRelease.beforeDeletion(session);
        }
        if (control.isRemoveFinalizer()) {
            gatewayKeys.remove(session, context.getClient());
            hosts.release(session, context);
            namespaceObjects.releaseIfLast(session, context);
            admission.release(key);
            phases.forget(ResourceID.fromResource(session));
            templateHashes.forget(key);
        }
        return control.isRemoveFinalizer() && !dependentsGone ? DeleteControl.noFinalizerRemoval() : control;
    }
}
