package io.kubezap.operator.gateway;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.workflow.ApiKeySecretDependent;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The gateway key copy's reconcile precondition: a gateway is installed (its namespace is configured) and the
 * session's API-key Secret holds a key. The Operator SDK looks this bean up at runtime (hence unremovable) and also
 * instantiates it reflectively at build time (hence field injection).
 */
@ApplicationScoped
@Unremovable
public class GatewayKeyWanted implements Condition<Secret, WhatsAppSession> {

    @Inject
    GatewayKeyCopies copies;

    public GatewayKeyWanted() {
    }

    GatewayKeyWanted(GatewayKeyCopies copies) {
        this.copies = copies;
    }

    @Override
    public boolean isMet(DependentResource<Secret, WhatsAppSession> copy, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return copies.namespace().isPresent()
                && ApiKeySecretDependent.apiKey(session, context).filter(key -> !key.isEmpty()).isPresent();
    }
}
