package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.contract.host.HostObjectNames;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The namespace's Secret {@value HostObjectNames#POOL_SECRET} its hosts' pools log in with: the URL, user and password
 * keys of a session's own database Secret, which every session of the namespace holds alike (its namespace's role,
 * record 0017; the password {@code workflow.DatabasePasswords} keeps), and never a session's token (each session's is
 * in its entry). Copied, not made anew, so a host logs in exactly as its sessions' pods would.
 */
public final class HostPoolSecret {

    private HostPoolSecret() {
    }

    /** From {@code sessionDatabase}, a session's {@code <name>-database} Secret: its {@code keys} (URL, user, password). */
    public static Secret desired(String namespace, Secret sessionDatabase, List<String> keys) {
        Map<String, String> data = new TreeMap<>();
        Map<String, String> copied = Objects.requireNonNullElse(sessionDatabase.getData(), Map.of());
        keys.forEach(key -> {
            if (!copied.containsKey(key)) {
                throw new IllegalStateException("Secret " + sessionDatabase.getMetadata().getName() + " has no key " + key
                        + ": the hosts of " + namespace + " have no database login yet");
            }
            data.put(key, copied.get(key));
        });
        return new SecretBuilder()
                .withNewMetadata().withName(HostObjectNames.POOL_SECRET).withNamespace(namespace)
                .withLabels(HostObjects.shared()).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }
}
