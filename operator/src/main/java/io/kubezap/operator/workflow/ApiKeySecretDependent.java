package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.model.SessionObjects;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The session's REST API key. Create-only (no {@code Updater}): once the Secret exists its key is never
 * replaced, across reconciles and operator restarts; it goes away with the session by owner reference. The gateway
 * reads a copy of it in its own namespace ({@link io.kubezap.operator.gateway.GatewayKeyCopies}), never this Secret.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SessionObjects.MANAGED_SELECTOR, informerListLimit = ListPages.SIZE))
public class ApiKeySecretDependent extends OwnedDependent<Secret>
        implements Creator<Secret, WhatsAppSession> {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKeySecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new SecretBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, SessionObjects.apiKeySecretName(session)))
                .withType("Opaque")
                .withStringData(Map.of(SessionObjects.API_KEY_SECRET_KEY, newApiKey()))
                .build();
    }

    /** Picks the Secret by name: the shared informer holds the session's database copy as well. */
    @Override
    protected ResourceID targetSecondaryResourceID(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ResourceID(SessionObjects.apiKeySecretName(session), session.getMetadata().getNamespace());
    }

    /** The session's API key as the operator's cache holds it; empty while the Secret is not there. */
    public static Optional<String> apiKey(WhatsAppSession session, Context<WhatsAppSession> context) {
        return OwnedSecrets.of(context, SessionObjects.apiKeySecretName(session))
                .map(ApiKeySecretDependent::apiKey);
    }

    static String newApiKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key held by a Secret of this kind, whichever of data/stringData carries it. */
    public static String apiKey(Secret secret) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(SessionObjects.API_KEY_SECRET_KEY)) {
            return secret.getStringData().get(SessionObjects.API_KEY_SECRET_KEY);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(SessionObjects.API_KEY_SECRET_KEY);
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded));
    }
}
