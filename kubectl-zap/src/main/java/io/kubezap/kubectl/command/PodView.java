package io.kubezap.kubectl.command;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.CliFailure;
import io.kubezap.kubectl.ZapRun;
import io.kubezap.kubectl.sessionapi.SessionClient;

/**
 * What only the session pod knows (its last error, its webhook backlog), or why it could not be asked: status still
 * shows the resource when the pod is down, which is when it is read most.
 */
record PodView(SessionState state, Integer pendingDeliveries, String unreachable) {

    static PodView of(ZapRun run, WhatsAppSession session) {
        try {
            SessionClient api = run.api(session);
            return new PodView(api.state(), api.pendingDeliveries(), null);
        } catch (CliFailure failure) {
            return new PodView(null, null, failure.getMessage());
        }
    }

    String lastError() {
        if (state == null) {
            return "-";
        }
        SessionState.LastError error = state.lastError();
        return error == null ? "<none>" : error.reason() + ": " + error.message() + " (" + error.at() + ")";
    }

    String backlog() {
        if (pendingDeliveries == null) {
            return "-";
        }
        return pendingDeliveries >= SessionClient.DELIVERIES_PAGE ? SessionClient.DELIVERIES_PAGE + "+"
                : String.valueOf(pendingDeliveries);
    }
}
