package io.kubezap.operator.polling;

import io.kubezap.api.v1alpha1.WhatsAppSession;

/**
 * Takes the answer of a pod that notified a change to its session's status at once, before the poller caches it
 * and wakes the reconciler: the reconcile may wait behind thousands of others (an operator's start), the status must
 * not. Runs off the HTTP client's threads; may call the API server.
 */
@FunctionalInterface
public interface PodReportWriter {

    /** {@code seen} holds the pod's state; {@code session} is the session as this process's cache has it. */
    void write(WhatsAppSession session, PodObservation seen);
}
