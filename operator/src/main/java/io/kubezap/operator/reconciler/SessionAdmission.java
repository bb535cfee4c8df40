package io.kubezap.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Enforces {@code kubezap.max-sessions}: a session holds a slot from the moment it is admitted until it is
 * deleted. Slots survive operator restarts because every session that already has a StatefulSet counts as admitted.
 */
@ApplicationScoped
public class SessionAdmission {

    private final int maxSessions;
    private final Set<ResourceID> admitted = new HashSet<>();

    public SessionAdmission(OperatorConfig config) {
        this.maxSessions = config.maxSessions();
    }

    /**
     * @param session       the session asking
     * @param hasStatefulSet whether the session already runs (then it always keeps its slot)
     * @param running       the sessions that currently own a StatefulSet, read only when needed
     */
    public synchronized boolean admit(ResourceID session, boolean hasStatefulSet, Supplier<Set<ResourceID>> running) {
        if (hasStatefulSet || admitted.contains(session)) {
            admitted.add(session);
            return true;
        }
        admitted.addAll(running.get());
        if (admitted.size() >= maxSessions) {
            return false;
        }
        admitted.add(session);
        return true;
    }

    public synchronized boolean isAdmitted(ResourceID session) {
        return admitted.contains(session);
    }

    public synchronized void release(ResourceID session) {
        admitted.remove(session);
    }

    public int maxSessions() {
        return maxSessions;
    }
}
