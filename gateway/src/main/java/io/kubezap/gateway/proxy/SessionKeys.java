package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.config.SecretValues;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The session pods' API keys, from an informer over the Secrets the operator labels
 * {@value SessionObjectNames#API_KEY_SECRET_LABEL}{@code =true} (one cluster-wide, or one per served namespace): no
 * other Secret (database credentials, webhook secrets, a tenant's own) is ever held or read by the gateway, and
 * reaching a pod costs the API server nothing. A key the cache has not seen yet (a session created a moment ago) is
 * listed once more, among the labelled Secrets of its namespace only.
 */
@ApplicationScoped
@Startup
class SessionKeys {

    private final KubernetesClient client;
    private final List<SharedIndexInformer<Secret>> informers;

    SessionKeys(KubernetesClient client, GatewayConfig config) {
        this.client = client;
        List<String> served = config.namespaces().orElse(List.of());
        this.informers = served.isEmpty()
                ? List.of(client.secrets().inAnyNamespace().withLabel(SessionObjectNames.API_KEY_SECRET_LABEL, "true").inform())
                : served.stream().map(ns -> client.secrets().inNamespace(ns)
                .withLabel(SessionObjectNames.API_KEY_SECRET_LABEL, "true").inform()).toList();
    }

    /** The key in Secret {@code secretName} of {@code namespace}, if that Secret carries the label. */
    Optional<String> of(String namespace, String secretName) {
        String cacheKey = Cache.namespaceKeyFunc(namespace, secretName);
        Optional<Secret> secret = informers.stream().map(informer -> informer.getStore().getByKey(cacheKey))
                .filter(Objects::nonNull).findFirst()
                .or(() -> client.secrets().inNamespace(namespace).withLabel(SessionObjectNames.API_KEY_SECRET_LABEL, "true")
                        .list().getItems().stream().filter(s -> secretName.equals(s.getMetadata().getName())).findFirst());
        return secret.map(s -> SecretValues.of(s).get(SessionObjectNames.API_KEY_SECRET_KEY))
                .filter(key -> !key.isEmpty());
    }

    @PreDestroy
    void stop() {
        informers.forEach(SharedIndexInformer::close);
    }
}
