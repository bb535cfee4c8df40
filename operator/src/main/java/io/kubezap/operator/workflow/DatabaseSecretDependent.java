package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.model.PodTemplateHash;
import io.kubezap.operator.model.SessionObjects;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secret {@code <name>-database} in the session's namespace: the URL sessions connect to (from the operator's
 * database Secret), the namespace's role and password, and the session's token ({@value DatabasePasswords#TOKEN_KEY}),
 * with which row-level security gives the pod its session's rows only (docs/decisions/0017).
 * The role is its own dependent ({@link SessionRoleDependent}), set before this Secret is written; the password is
 * generated once and kept in this Secret ({@link DatabasePasswords}). {@link #desired} is pure: it reads the
 * operator's caches only, never the database. The admin credential never leaves the operator. The Secret goes away
 * with the session by owner reference; the role is dropped by the reconciler's cleanup.
 * <p>
 * Every session gets one, also in the admin Secret's own namespace: one path for every session.
 * <p>
 * Shares the event source (the informer of the operator's labelled Secrets) with {@link ApiKeySecretDependent};
 * both pick their own Secret out of it by name.
 */
public class DatabaseSecretDependent extends OwnedDependent<Secret>
        implements Creator<Secret, WhatsAppSession>, Updater<Secret, WhatsAppSession> {

    /** Where the URL came from ({@code namespace/name}), for whoever finds it in the session's namespace. */
    public static final String SOURCE_ANNOTATION = "kubezap.io/copied-from";

    @Inject
    DatabaseSecretSource source;
    @Inject
    DatabasePasswords passwords;

    public DatabaseSecretDependent() {
        super(Secret.class);
    }

    /** For unit tests, outside CDI. */
    DatabaseSecretDependent(DatabaseSecretSource source) {
        this(source, new DatabasePasswords(source));
    }

    DatabaseSecretDependent(DatabaseSecretSource source, DatabasePasswords passwords) {
        this();
        this.source = source;
        this.passwords = passwords;
    }

    @Override
    protected Secret desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        Secret admin = source.read();
        String role = NamespaceRoles.roleName(session.getMetadata().getNamespace());
        return sessionSecret(admin, session, role, passwords.of(session, context), passwords.tokenOf(session, context));
    }

    Secret sessionSecret(Secret admin, WhatsAppSession session, String role, String password, String token) {
        var metadata = SessionObjects.ownedMetadata(session, SessionObjects.databaseSecretName(session));
        metadata.setAnnotations(Map.of(SOURCE_ANNOTATION, source.describe()));
        Map<String, String> data = new TreeMap<>();
        data.put(source.urlKey(), source.sessionUrl(admin));
        data.put(source.usernameKey(), encoded(role));
        data.put(source.passwordKey(), encoded(password));
        data.put(DatabasePasswords.TOKEN_KEY, encoded(token));
        return new SecretBuilder()
                .withMetadata(metadata)
                .withType("Opaque")
                .withData(data)
                .build();
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
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
        return OwnedSecrets.of(context, SessionObjects.databaseSecretName(session))
                .map(DatabaseSecretDependent::digest)
                .orElse("");
    }

    static String digest(Secret copy) {
        return PodTemplateHash.secretDigest(copy);
    }
}
