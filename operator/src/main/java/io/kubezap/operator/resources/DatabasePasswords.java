package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.SessionRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each session's database password, which its role ({@link SessionRoleDependent}) is set with before its Secret
 * ({@link DatabaseSecretDependent}) carries it: the one the session's Secret holds for its role, from the operator's
 * cache; before that Secret is written, one generated once and remembered, so that both dependents agree on it.
 * Reads no database and writes nothing.
 */
@ApplicationScoped
public class DatabasePasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseSecretSource source;
    /** Passwords generated for sessions whose Secret is not written yet. */
    private final Map<ResourceID, String> unwritten = new ConcurrentHashMap<>();

    @Inject
    public DatabasePasswords(DatabaseSecretSource source) {
        this.source = source;
    }

    /** The session's password: its Secret's, if that Secret is already its role's, else the one generated for it. */
    public String of(WhatsAppSession session, Context<WhatsAppSession> context) {
        ResourceID id = ResourceID.fromResource(session);
        return written(session, context)
                .map(password -> {
                    unwritten.remove(id);
                    return password;
                })
                .orElseGet(() -> unwritten.computeIfAbsent(id, ignored -> newPassword()));
    }

    /** The password of the session's Secret as written, if it is already this role's. */
    private Optional<String> written(WhatsAppSession session, Context<WhatsAppSession> context) {
        String role = SessionRoles.roleName(session.getMetadata().getNamespace(), session.getMetadata().getName());
        return SessionObjects.ownedSecret(context, SessionObjects.databaseSecretName(session))
                .filter(written -> role.equals(decodedValue(written, source.usernameKey())))
                .map(written -> decodedValue(written, source.passwordKey()))
                .filter(password -> !password.isEmpty());
    }

    private static String decodedValue(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
