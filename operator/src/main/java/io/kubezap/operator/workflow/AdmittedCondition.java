package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.SessionAdmission;
import io.kubezap.operator.model.SessionKey;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The StatefulSet is only reconciled for sessions within the operator's session limit and not placed on a session host. The Operator SDK looks this
 * bean up at runtime (hence unremovable) and also instantiates it reflectively at build time (hence field injection).
 */
@ApplicationScoped
@Unremovable
public class AdmittedCondition implements Condition<StatefulSet, WhatsAppSession> {

    @Inject
    SessionAdmission admission;
    @Inject
    SessionHosts hosts;

    @Override
    public boolean isMet(DependentResource<StatefulSet, WhatsAppSession> dependent, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        boolean hasStatefulSet = dependent.getSecondaryResource(session, context).isPresent();
        if (hosts.leavesItsPod(session, context, hasStatefulSet)) {
            return false; // on a host: no StatefulSet of its own, and one it had goes (decision record 0021)
        }
        return admit(admission, session, hasStatefulSet, context);
    }

    /** Asks {@code admission} for {@code session}, counting the StatefulSets of the informer cache. */
    static boolean admit(SessionAdmission admission, WhatsAppSession session, boolean hasStatefulSet,
                         Context<WhatsAppSession> context) {
        return admission.admit(SessionKey.of(session), hasStatefulSet,
                () -> (int) statefulSets(context).list().count(), () -> runningSessions(context));
    }

    private static Set<SessionKey> runningSessions(Context<WhatsAppSession> context) {
        return statefulSets(context).list()
                .map(SessionKey::of)
                .collect(Collectors.toSet());
    }

    private static InformerEventSource<StatefulSet, WhatsAppSession> statefulSets(Context<WhatsAppSession> context) {
        return (InformerEventSource<StatefulSet, WhatsAppSession>) context.eventSourceRetriever().getEventSourceFor(StatefulSet.class);
    }
}
