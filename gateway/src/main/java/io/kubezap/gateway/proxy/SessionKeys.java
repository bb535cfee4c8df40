package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.gateway.cache.PrunedInformers;
import io.kubezap.gateway.cache.PrunedObjects;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.config.SecretValues;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The session pods' API keys, from the copies the operator keeps in the gateway's own namespace
 * ({@link GatewayKeyCopy}), through an informer of their label there: the gateway reads no Secret where sessions live
 * (its RBAC has no right on Secrets outside its namespace), and reaching a pod costs the API server nothing. A copy
 * the cache has not seen yet (a session created a moment ago) is read once more by name. A copy counts only when its
 * labels name the session. The cache holds each copy's labels and key alone ({@link PrunedObjects#keyCopy}).
 */
@ApplicationScoped
@Startup
class SessionKeys {

    private final KubernetesClient client;
    private final String namespace;
    private final SharedIndexInformer<Secret> informer;

    SessionKeys(KubernetesClient client, GatewayConfig config, PrunedInformers informers) {
        this.client = client;
        this.namespace = config.keysNamespaceOrDefault();
        this.informer = informers.inform(client.secrets().inNamespace(namespace).withLabel(GatewayKeyCopy.LABEL, "true"),
                PrunedObjects::keyCopy);
    }

    /** The key of session {@code name} of {@code sessionNamespace}, from its copy. */
    Optional<String> of(String sessionNamespace, String name) {
        String copy = GatewayKeyCopy.name(sessionNamespace, name);
        return Optional.ofNullable(informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, copy)))
                .or(() -> Optional.ofNullable(client.secrets().inNamespace(namespace).withName(copy).get()))
                .filter(secret -> GatewayKeyCopy.isCopyOf(secret.getMetadata().getLabels(), sessionNamespace, name))
                .map(secret -> SecretValues.of(secret).get(SessionObjectNames.API_KEY_SECRET_KEY))
                .filter(key -> key != null && !key.isEmpty());
    }

    /** Where the copy of that session's key is looked for, for messages. */
    String describe(String sessionNamespace, String name) {
        return "Secret " + GatewayKeyCopy.name(sessionNamespace, name) + " in the gateway's namespace " + namespace;
    }

    @PreDestroy
    void stop() {
        informer.close();
    }
}
