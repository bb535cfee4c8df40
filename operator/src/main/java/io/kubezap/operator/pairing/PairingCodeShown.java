package io.kubezap.operator.pairing;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/** The pairing Secret's reconcile precondition: the session's pod, when last polled, showed a code to link a phone. */
@ApplicationScoped
@Unremovable
public class PairingCodeShown implements Condition<Secret, WhatsAppSession> {

    @Override
    public boolean isMet(DependentResource<Secret, WhatsAppSession> secret, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return PairingSecrets.shown(session, context).isPresent();
    }
}
