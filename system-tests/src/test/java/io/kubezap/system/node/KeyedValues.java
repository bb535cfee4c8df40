package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys of a Secret or ConfigMap a pod refers to, as bytes; a missing object fails the start unless optional. */
final class KeyedValues {

    private KeyedValues() {
    }

    static Map<String, byte[]> secret(KubernetesClient client, String namespace, String name, boolean optional) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (secret == null) {
            return missing("secret", name, optional, values);
        }
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key, Base64.getDecoder().decode(value)));
        }
        // the mock API keeps stringData as written; a real API server folds it into data
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> values.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        return values;
    }

    static Map<String, byte[]> configMap(KubernetesClient client, String namespace, String name, boolean optional) {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (map == null) {
            return missing("configmap", name, optional, values);
        }
        if (map.getData() != null) {
            map.getData().forEach((key, value) -> values.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        return values;
    }

    private static Map<String, byte[]> missing(String kind, String name, boolean optional, Map<String, byte[]> empty) {
        if (!optional) {
            throw new PodStartException("CreateContainerConfigError", kind + " \"" + name + "\" not found");
        }
        return empty;
    }
}
