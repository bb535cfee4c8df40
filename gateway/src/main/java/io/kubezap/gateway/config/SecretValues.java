package io.kubezap.gateway.config;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A Secret's values, decoded and trimmed. */
public final class SecretValues {

    private SecretValues() {
    }

    /**
     * {@code data}, decoded, plus {@code stringData}: an API server folds stringData into data, but a Secret read
     * from a stand-in server (the fabric8 mock the tests use) may still carry it as written.
     */
    public static Map<String, String> of(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret == null) {
            return values;
        }
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k,
                    new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).trim()));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> values.put(k, v.trim()));
        }
        return values;
    }
}
