package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.SessionRole;
import io.kubezap.operator.model.SessionAdmission;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A session gets its database role (and with it the credentials in its namespace) only within the operator's session
 * limit: the chart sizes the server for {@code maxSessions} roles' CONNECTION LIMITs, and a role is a login a tenant
 * can use by hand, so sessions waiting beyond the limit must not hold one (issue 51, item 5). Decided by the same
 * admission as the StatefulSet ({@link AdmittedCondition}), which then finds the session admitted.
 */
@ApplicationScoped
@Unremovable
public class RoleAdmittedCondition implements Condition<SessionRole, WhatsAppSession> {

    @Inject
    SessionAdmission admission;

    @Override
    public boolean isMet(DependentResource<SessionRole, WhatsAppSession> role, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return AdmittedCondition.admit(admission, session, context.getSecondaryResource(StatefulSet.class).isPresent(), context);
    }
}
