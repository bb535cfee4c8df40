package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.Ownership;

import java.util.Optional;

/** A session's own Secrets as the reconcile's informer holds them. */
public final class OwnedSecrets {

    private OwnedSecrets() {
    }

    /**
     * One of the session's own Secrets, by name: the API-key Secret and the database copy share one informer, so
     * the session has two Secrets in it.
     */
    public static Optional<Secret> of(Context<WhatsAppSession> context, String name) {
        return context.getSecondaryResourcesAsStream(Secret.class)
                .filter(secret -> name.equals(secret.getMetadata().getName()))
                .filter(secret -> Ownership.ownedBy(secret, context.getPrimaryResource()))
                .findFirst();
    }
}
