package io.kubezap.kubectl.doctor;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.WhatsAppSession;

import java.util.List;

/**
 * What {@code kubectl zap doctor} read of one session: the resource, its StatefulSet and pod ({@code <name>-0}; null
 * when absent) and the Events of the three.
 */
public record SessionFacts(WhatsAppSession session, StatefulSet statefulSet, Pod pod, List<Event> events) {

    public SessionFacts {
        events = List.copyOf(events);
    }

    String name() {
        return session.getMetadata().getName();
    }

    String namespace() {
        return session.getMetadata().getNamespace();
    }

    String podName() {
        return name() + "-0";
    }
}
