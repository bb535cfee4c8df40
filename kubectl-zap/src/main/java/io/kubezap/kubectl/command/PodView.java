package io.kubezap.kubectl.command;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.failure.CliFailure;
import io.kubezap.kubectl.run.ZapRun;
import io.kubezap.kubectl.sessionapi.SessionClient;

/**
 * What the session's API adds to the resource (the webhook backlog; straight from the pod, its last error), or why
 * it could not be asked: status still shows the resource when the pod is down, which is when it is read most.
 */
record PodView(WhatsAppSession session, SessionState podState, Integer pendingDeliveries, String unreachable) {

    static PodView of(ZapRun run, WhatsAppSession session) {
        try {
            SessionClient api = run.api(session);
            SessionState state = api.servesPodState() ? api.state() : null;
            return new PodView(session, state, api.pendingDeliveries(), null);
        } catch (CliFailure failure) {
            return new PodView(session, null, null, failure.getMessage());
        }
    }

    /**
     * The pod's last error (kept after it reconnected); without the pod's own state, what the operator copied of it
     * into the Ready condition while the session is not serving ("-" when that names no error).
     */
    String lastError() {
        if (podState != null) {
            SessionState.LastError error = podState.lastError();
            return error == null ? "<none>" : error.reason() + ": " + error.message() + " (" + error.at() + ")";
        }
        WhatsAppSessionStatus status = session.getStatus();
        Condition ready = status == null ? null : status.condition(WhatsAppSessionStatus.CONDITION_READY).orElse(null);
        if (ready == null || "True".equals(ready.getStatus()) || ready.getReason() == null
                || status.getPhase() != null && ready.getReason().equals(status.getPhase().name())) {
            return "-";
        }
        return ready.getReason() + (ready.getMessage() == null ? "" : ": " + ready.getMessage());
    }

    String backlog() {
        if (pendingDeliveries == null) {
            return "-";
        }
        return pendingDeliveries >= SessionClient.DELIVERIES_PAGE ? SessionClient.DELIVERIES_PAGE + "+"
                : String.valueOf(pendingDeliveries);
    }
}
