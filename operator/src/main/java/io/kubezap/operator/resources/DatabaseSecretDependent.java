package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.TreeMap;

/**
 * Secret {@code <name>-database} in the session's namespace: the database URL, user and password copied from the
 * operator's database Secret, because a pod's {@code secretKeyRef} can only name a Secret in its own namespace.
 * Kept equal to the source on every reconcile (a rotated password reaches it then); it goes away with the session
 * by owner reference, so there is no explicit delete.
 * <p>
 * A session in the source's own namespace gets a copy too: one path for every session, the pod spec never depends on
 * where the session lives, and deleting a session never touches the shared Secret.
 * <p>
 * Shares the event source (the informer of the operator's labelled Secrets) with {@link ApiKeySecretDependent};
 * both pick their own Secret out of it by name.
 */
public class DatabaseSecretDependent extends KubernetesDependentResource<Secret, WhatsAppSession>
        implements Creator<Secret, WhatsAppSession>, Updater<Secret, WhatsAppSession> {

    /** Where the copy came from ({@code namespace/name}), for whoever finds it in the session's namespace. */
    public static final String SOURCE_ANNOTATION = "kubezap.io/copied-from";

    @Inject
    DatabaseSecretSource source;

    public DatabaseSecretDependent() {
        super(Secret.class);
    }

    /** For unit tests, outside CDI. */
    DatabaseSecretDependent(DatabaseSecretSource source) {
        this();
        this.source = source;
    }

    @Override
    protected Secret desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        return copyOf(source.read(), session);
    }

    Secret copyOf(Secret sourceSecret, WhatsAppSession session) {
        var metadata = SessionObjects.ownedMetadata(session, SessionObjects.databaseSecretName(session));
        metadata.setAnnotations(Map.of(SOURCE_ANNOTATION, source.describe()));
        return new SecretBuilder()
                .withMetadata(metadata)
                .withType("Opaque")
                .withData(source.credentials(sourceSecret))
                .build();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ResourceID(SessionObjects.databaseSecretName(session), session.getMetadata().getNamespace());
    }

    /**
     * A short digest of the session's current copy (empty while there is none). The StatefulSet puts it in the pod
     * template, so changed credentials restart the pod: environment variables from Secrets are read only at start.
     */
    public static String credentialsDigest(WhatsAppSession session, Context<WhatsAppSession> context) {
        return SessionObjects.ownedSecret(context, SessionObjects.databaseSecretName(session))
                .map(DatabaseSecretDependent::digest)
                .orElse("");
    }

    static String digest(Secret copy) {
        return PodTemplateHash.digest(copy.getData() == null ? "" : new TreeMap<>(copy.getData()).toString());
    }
}
