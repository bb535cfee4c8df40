package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.model.SessionObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Each session's database secrets (docs/decisions/0017), which its identity ({@link SessionRoleDependent}) is set with
 * before its Secret ({@link DatabaseSecretDependent}) carries them, so that both dependents agree:
 * <ul>
 *     <li>its namespace role's password: the one a database Secret of the namespace already holds for that role (the
 *     session's own first, else its neighbours', from the operator's cache); before any is written, one generated
 *     once per namespace and remembered;</li>
 *     <li>its token: the one its own Secret holds; before that, one generated once and remembered.</li>
 * </ul>
 * Made once and kept in the Secrets, so a restarted operator finds them there and changes no credential. Reads no
 * database and writes nothing.
 */
@ApplicationScoped
public class DatabasePasswords {

    /** The key of a session's database Secret that holds its token. */
    public static final String TOKEN_KEY = SessionObjects.DATABASE_TOKEN_KEY;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseSecretSource source;
    /** The operator's database Secrets of a namespace, every session's (context, namespace → Secrets). */
    private final BiFunction<Context<WhatsAppSession>, String, Stream<Secret>> namespaceSecrets;
    /** Passwords generated for namespaces none of whose Secrets is written yet. */
    private final Map<String, String> unwrittenPasswords = new ConcurrentHashMap<>();
    /** Tokens generated for sessions whose Secret is not written yet. */
    private final Map<ResourceID, String> unwrittenTokens = new ConcurrentHashMap<>();

    @Inject
    public DatabasePasswords(DatabaseSecretSource source) {
        this(source, DatabasePasswords::cachedSecrets);
    }

    DatabasePasswords(DatabaseSecretSource source,
                      BiFunction<Context<WhatsAppSession>, String, Stream<Secret>> namespaceSecrets) {
        this.source = source;
        this.namespaceSecrets = namespaceSecrets;
    }

    /** The password of the session's namespace role. */
    public String of(WhatsAppSession session, Context<WhatsAppSession> context) {
        String namespace = session.getMetadata().getNamespace();
        return written(session, context, source.passwordKey())
                .or(() -> namespaceSecrets.apply(context, namespace)
                        .filter(this::holdsItsNamespaceRole)
                        .sorted(Comparator.comparing(secret -> secret.getMetadata().getName()))
                        .map(secret -> decodedValue(secret, source.passwordKey()))
                        .filter(password -> !password.isEmpty())
                        .findFirst())
                .map(password -> {
                    unwrittenPasswords.remove(namespace);
                    return password;
                })
                .orElseGet(() -> unwrittenPasswords.computeIfAbsent(namespace, ignored -> newSecret(24)));
    }

    /** The session's token. */
    public String tokenOf(WhatsAppSession session, Context<WhatsAppSession> context) {
        ResourceID id = ResourceID.fromResource(session);
        return written(session, context, TOKEN_KEY)
                .map(token -> {
                    unwrittenTokens.remove(id);
                    return token;
                })
                .orElseGet(() -> unwrittenTokens.computeIfAbsent(id, ignored -> NamespaceRoles.newToken()));
    }

    /** {@code key} of the session's Secret as written, if that Secret is already its namespace role's. */
    private Optional<String> written(WhatsAppSession session, Context<WhatsAppSession> context, String key) {
        return OwnedSecrets.of(context, SessionObjects.databaseSecretName(session))
                .filter(this::holdsItsNamespaceRole)
                .map(written -> decodedValue(written, key))
                .filter(value -> !value.isEmpty());
    }

    private boolean holdsItsNamespaceRole(Secret secret) {
        return secret.getMetadata().getOwnerReferences().stream()
                .anyMatch(owner -> "WhatsAppSession".equals(owner.getKind()) && Boolean.TRUE.equals(owner.getController()))
                && NamespaceRoles.roleName(secret.getMetadata().getNamespace())
                .equals(decodedValue(secret, source.usernameKey()));
    }

    /** The labelled Secrets of the operator's shared informer (the API keys', the database Secrets'). */
    @SuppressWarnings("unchecked")
    private static Stream<Secret> cachedSecrets(Context<WhatsAppSession> context, String namespace) {
        return context.eventSourceRetriever().getEventSourceFor(Secret.class, "api-key") instanceof ResourceCache<?> cache
                ? ((ResourceCache<Secret>) cache).list(namespace, secret -> secret.getMetadata().getName().endsWith("-database"))
                : Stream.empty();
    }

    private static String decodedValue(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    static String newSecret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
