package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.database.SessionRoles;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret {@code <name>-database} in the session's namespace: the URL sessions connect to (from the operator's
 * database Secret) with the session's own role and password ({@link SessionRoles}), which row-level security limits
 * to the session's rows. The password is generated once and kept in this Secret; the role is created (or its password
 * set) before the Secret is written. The admin credential never leaves the operator. The Secret goes away with the
 * session by owner reference; the role is dropped by the reconciler's cleanup.
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

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DatabaseSecretSource source;
    @Inject
    SessionRoles roles;
    @Inject
    KeptData keptData;
    /** Passwords generated for sessions whose Secret is not written yet, so every call agrees on one. */
    private final Map<ResourceID, String> unwritten = new ConcurrentHashMap<>();

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
        Secret admin = source.read();
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        String role = SessionRoles.roleName(namespace, name);
        ResourceID id = ResourceID.fromResource(session);
        String password = writtenPassword(session, context, role)
                .map(written -> {
                    unwritten.remove(id);
                    return written;
                })
                .orElseGet(() -> unwritten.computeIfAbsent(id, ignored -> newPassword()));
        keptData.requireOwnOrAdopted(session);
        roles.ensure(namespace, name, password);
        return sessionSecret(admin, session, role, password);
    }

    Secret sessionSecret(Secret admin, WhatsAppSession session, String role, String password) {
        var metadata = SessionObjects.ownedMetadata(session, SessionObjects.databaseSecretName(session));
        metadata.setAnnotations(Map.of(SOURCE_ANNOTATION, source.describe()));
        Map<String, String> data = new TreeMap<>();
        data.put(source.urlKey(), source.sessionUrl(admin));
        data.put(source.usernameKey(), encoded(role));
        data.put(source.passwordKey(), encoded(password));
        return new SecretBuilder()
                .withMetadata(metadata)
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** The password of the session's Secret as written, if it is already this role's. */
    private Optional<String> writtenPassword(WhatsAppSession session, Context<WhatsAppSession> context, String role) {
        return SessionObjects.ownedSecret(context, SessionObjects.databaseSecretName(session))
                .filter(written -> role.equals(decodedValue(written, source.usernameKey())))
                .map(written -> decodedValue(written, source.passwordKey()))
                .filter(password -> !password.isEmpty());
    }

    private static String decodedValue(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
