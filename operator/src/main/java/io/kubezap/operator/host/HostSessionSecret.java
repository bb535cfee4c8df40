package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.contract.host.HostSessionFile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Host {@code n}'s Secret {@code kubezap-host-<n>-sessions}: one {@link HostSessionFile} entry per session it runs. */
public final class HostSessionSecret {

    /** The most a Secret may hold (the API server's limit), less room for its metadata. */
    static final int MOST_BYTES = 1024 * 1024 - 16 * 1024;

    private HostSessionSecret() {
    }

    public static Secret desired(String namespace, int ordinal, Collection<HostSessionFile.Entry> entries) {
        Map<String, String> data = new TreeMap<>();
        long bytes = 0;
        for (HostSessionFile.Entry entry : entries) {
            byte[] file = HostSessionFile.write(entry).getBytes(StandardCharsets.UTF_8);
            bytes += file.length;
            data.put(HostSessionFile.fileName(entry.session()), Base64.getEncoder().encodeToString(file));
        }
        if (bytes > MOST_BYTES) {
            throw new IllegalStateException("host " + HostObjectNames.hostName(ordinal) + " of " + namespace + " would need "
                    + bytes + " bytes of session files, over a Secret's " + MOST_BYTES + ": lower sessionsPerHost");
        }
        String host = HostObjectNames.hostName(ordinal);
        return new SecretBuilder()
                .withNewMetadata().withName(HostObjectNames.secretName(ordinal)).withNamespace(namespace)
                .withLabels(HostObjects.labels(host)).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }
}
