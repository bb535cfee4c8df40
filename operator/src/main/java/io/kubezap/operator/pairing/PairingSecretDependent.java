package io.kubezap.operator.pairing;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.Ownership;
import io.kubezap.operator.workflow.OwnedDependent;


/**
 * Secret {@code <name>-pairing} ({@link PairingSecrets}), reconciled only while the pod shows a code
 * ({@link PairingCodeShown}) and deleted by the workflow once it shows none (linked, suspended, pod gone): a linked
 * session keeps no such Secret. Its {@link #desired} reads the pod's last poll, which the poller keeps in memory; a
 * new QR wakes the reconciler, which writes it here before the status names its expiry. Shares the informer of the
 * operator's labelled Secrets with the API-key Secret and picks its own by name. A {@code Deleter}, not
 * {@code GarbageCollected}: that informer maps Secrets to sessions by the annotations JOSDK writes on the dependents
 * it does not garbage-collect; the owner reference (written by {@code ownedMetadata}) still removes it with the session.
 */
public class PairingSecretDependent extends OwnedDependent<Secret>
        implements Creator<Secret, WhatsAppSession>, Updater<Secret, WhatsAppSession>, Deleter<WhatsAppSession> {

    public PairingSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        return PairingSecrets.desired(session, PairingSecrets.shown(session, context).orElseThrow(() ->
                new IllegalStateException("the pairing Secret is reconciled only while a code is shown")));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ResourceID(PairingSecrets.name(session), session.getMetadata().getNamespace());
    }

    /** Deletes only the session's own Secret of that name, never one someone else wrote. */
    @Override
    protected void handleDelete(WhatsAppSession session, Secret secret, Context<WhatsAppSession> context) {
        if (secret != null && Ownership.ownedBy(secret, session)) {
            super.handleDelete(session, secret, context);
        }
    }
}
