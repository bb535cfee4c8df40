package io.kubezap.operator.gateway;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.AbstractDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.workflow.ApiKeySecretDependent;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;

/**
 * The session's API key copied into the gateway's namespace ({@link GatewayKeyCopies}), a dependent of the session's
 * API-key Secret, reconciled only while {@link GatewayKeyWanted} holds. Not a {@code KubernetesDependentResource}: the
 * copy lives in another namespace (no owner reference), is read from the informer {@link GatewayKeyCopies} registers
 * for the gateway's namespace (which exists only with a gateway), and is deleted by the session's cleanup after its
 * logout, not by the workflow's. Not deletable either, so a precondition that no longer holds leaves the copy alone.
 */
public class GatewayKeyCopyDependent extends AbstractDependentResource<Secret, WhatsAppSession>
        implements Creator<Secret, WhatsAppSession>, Updater<Secret, WhatsAppSession> {

    @Inject
    GatewayKeyCopies copies;

    @Override
    public Class<Secret> resourceType() {
        return Secret.class;
    }

    @Override
    protected Secret desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        return GatewayKeyCopies.desired(session, copies.namespace().orElseThrow(),
                ApiKeySecretDependent.apiKey(session, context).orElseThrow());
    }

    @Override
    public Optional<Secret> getSecondaryResource(WhatsAppSession session, Context<WhatsAppSession> context) {
        return copies.cached(session);
    }

    @Override
    protected Optional<Secret> selectTargetSecondaryResource(Set<Secret> secondaries, WhatsAppSession session,
                                                             Context<WhatsAppSession> context) {
        return copies.cached(session);
    }

    @Override
    public Matcher.Result<Secret> match(Secret actual, WhatsAppSession session, Context<WhatsAppSession> context) {
        Secret desired = desired(session, context);
        return Matcher.Result.computed(GatewayKeyCopies.matches(actual, desired, session), desired);
    }

    @Override
    public Secret create(Secret desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        copies.create(context.getClient(), desired);
        return desired;
    }

    @Override
    public Secret update(Secret actual, Secret desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        copies.update(context.getClient(), desired);
        return desired;
    }

    @Override
    protected void onCreated(WhatsAppSession session, Secret created, Context<WhatsAppSession> context) {
        // the informer shows the copy
    }

    @Override
    protected void onUpdated(WhatsAppSession session, Secret updated, Secret actual, Context<WhatsAppSession> context) {
        // the informer shows the copy
    }
}
