package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionAddress;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The session's own Service's reconcile precondition: its StatefulSet, created by an earlier release, is still governed
 * by it (serviceName cannot change). Otherwise the pod answers under the namespace's headless Service and JOSDK
 * deletes the session's own Service, if one is left.
 */
@ApplicationScoped
@Unremovable
public class OwnServiceKept implements Condition<Service, WhatsAppSession> {

    @Override
    public boolean isMet(DependentResource<Service, WhatsAppSession> service, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return keeps(session, context.getSecondaryResource(StatefulSet.class));
    }

    static boolean keeps(WhatsAppSession session, Optional<StatefulSet> statefulSet) {
        return statefulSet.map(set -> SessionAddress.governedBy(set.getSpec().getServiceName(), session.getMetadata().getName()))
                .filter(SessionAddress.OWN_SERVICE::equals)
                .isPresent();
    }
}
