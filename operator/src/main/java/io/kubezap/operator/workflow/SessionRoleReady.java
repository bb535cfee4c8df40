package io.kubezap.operator.workflow;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.SessionRole;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/** The session's role is ready once it was set, as the workflow wants it: only then is its Secret written. */
@ApplicationScoped
@Unremovable
public class SessionRoleReady implements Condition<SessionRole, WhatsAppSession> {

    @Override
    public boolean isMet(DependentResource<SessionRole, WhatsAppSession> role, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return role.getSecondaryResource(session, context).isPresent();
    }
}
