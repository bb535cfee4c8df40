package io.kubezap.gateway;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Puts sessions into the mock API server the way a user and the operator would. */
public final class Sessions {

    private final KubernetesClient client;

    public Sessions(KubernetesClient client) {
        this.client = client;
    }

    public WhatsAppSession applied(String namespace, String name, Map<String, String> labels) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build());
        return client.resource(session).create();
    }

    /** What the operator would write. */
    public void inPhase(String namespace, String name, SessionPhase phase) {
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).editStatus(s -> {
            WhatsAppSessionStatus status = new WhatsAppSessionStatus();
            status.setPhase(phase);
            s.setStatus(status);
            return s;
        });
    }

    /** The API-key Secret the operator creates for a session. */
    public void withApiKey(String namespace, String name, String key) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name + "-api-key").endMetadata()
                .withData(Map.of("api-key", Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))))
                .build()).create();
    }

    public WhatsAppSession get(String namespace, String name) {
        return client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).get();
    }

    public void deleteAll() {
        client.resources(WhatsAppSession.class).inAnyNamespace().delete();
        client.secrets().inAnyNamespace().delete();
    }
}
