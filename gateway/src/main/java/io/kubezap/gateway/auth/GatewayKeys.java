package io.kubezap.gateway.auth;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubezap.gateway.cache.PrunedInformers;
import io.kubezap.gateway.cache.PrunedObjects;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.config.SecretValues;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway API keys: Secrets labelled {@value #LABEL}{@code =true} in the gateway's namespace, each with
 * {@code key} (the key), {@code role} ({@code admin}, {@code manage} or {@code send}, see {@link KeyRole}), and
 * {@code namespaces} (comma-separated; {@code *} for every session) or {@code sessions} ({@code namespace/name},
 * comma-separated); neither reaches nothing; optionally {@code chats} (comma-separated JIDs or phone numbers: only
 * those chats of its sessions, see {@link KeyScope#allowsChat}; present but empty: no chat) and {@code expiresAt} (RFC 3339), after which the key is refused
 * (401 {@code key-expired}; {@link KeyExpiryWarnings} tells before).
 * Watched through an informer; a key not yet in its cache is looked up once more in the API server, as long as the
 * client has not spent its budget of {@link FailedAuthentications}.
 */
@ApplicationScoped
@Startup
public class GatewayKeys {

    public static final String LABEL = "kubezap.io/gateway-key";
    public static final String KEY = "key";
    public static final String ROLE = "role";
    public static final String NAMESPACES = "namespaces";
    public static final String SESSIONS = "sessions";
    public static final String CHATS = "chats";
    public static final String ADMIN = "admin";
    public static final String MANAGE = "manage";
    public static final String SEND = "send";
    public static final String EXPIRES_AT = KeyExpiry.FIELD;

    private final KubernetesClient client;
    private final String namespace;
    private final SharedIndexInformer<Secret> informer;
    private final FailedAuthentications failures;
    private final Clock clock = Clock.systemUTC();

    GatewayKeys(KubernetesClient client, GatewayConfig config, FailedAuthentications failures, PrunedInformers informers) {
        this.client = client;
        this.failures = failures;
        this.namespace = config.keysNamespaceOrDefault();
        this.informer = informers.inform(client.secrets().inNamespace(namespace).withLabel(LABEL, "true"),
                PrunedObjects::gatewayKey);
    }

    /** The scope of the key presented, if it is one of the gateway's keys; {@code client} pays for a miss. */
    public Optional<KeyScope> scopeOf(String presented, String client) {
        Optional<KeyScope> cached = cached(presented);
        if (cached.isPresent()) {
            return cached;
        }
        failures.requireBudget(client);
        Optional<KeyScope> created = valid(this.client.secrets().inNamespace(namespace).withLabel(LABEL, "true")
                .list().getItems(), presented.getBytes(StandardCharsets.UTF_8));
        if (created.isEmpty()) {
            failures.failed(client);
        }
        return created;
    }

    /** The scope of the key presented if the informer's cache holds it; never asks the API server. */
    Optional<KeyScope> cached(String presented) {
        return valid(informer.getStore().list(), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys the informer holds now. */
    Collection<Secret> keySecrets() {
        return informer.getStore().list();
    }

    /** The scope of the matching key; 401 {@code key-expired} when that key is past its expiry. */
    private Optional<KeyScope> valid(Collection<Secret> secrets, byte[] presented) {
        Optional<Secret> secret = matching(secrets, presented);
        secret.ifPresent(s -> expiryOf(s).requireValidAt(clock.instant()));
        return secret.map(GatewayKeys::scope);
    }

    static KeyExpiry expiryOf(Secret secret) {
        return KeyExpiry.of(secret.getMetadata().getName(), SecretValues.of(secret).get(EXPIRES_AT));
    }

    private static Optional<Secret> matching(Collection<Secret> secrets, byte[] presented) {
        for (Secret secret : secrets) {
            Map<String, String> data = SecretValues.of(secret);
            String key = data.get(KEY);
            // constant time: the comparison reveals nothing about how much of a key was right
            if (key != null && !key.isEmpty() && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), presented)) {
                return Optional.of(secret);
            }
        }
        return Optional.empty();
    }

    private static KeyScope scope(Secret secret) {
        Map<String, String> data = SecretValues.of(secret);
        Set<String> namespaces = list(data.get(NAMESPACES));
        boolean everySession = namespaces.contains(KeyScope.EVERY_NAMESPACE);
        return new KeyScope(secret.getMetadata().getName(), KeyRole.of(data.get(ROLE)), everySession,
                everySession ? Set.of() : namespaces, list(data.get(SESSIONS)), list(data.get(CHATS)), data.containsKey(CHATS));
    }

    private static Set<String> list(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    @PreDestroy
    void stop() {
        informer.close();
    }
}
