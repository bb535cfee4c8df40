package io.kubezap.gateway;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.gateway.session.SessionCatalog;
import io.quarkus.arc.Arc;

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
        return seenByGateway(client.resource(session).create());
    }

    /** What the operator would write. */
    public void inPhase(String namespace, String name, SessionPhase phase) {
        seenByGateway(client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).editStatus(s -> {
            WhatsAppSessionStatus status = new WhatsAppSessionStatus();
            status.setPhase(phase);
            s.setStatus(status);
            return s;
        }));
    }

    /**
     * Waits until the gateway's informer holds {@code written}, as in a cluster it would a moment after the write: the
     * gateway serves sessions from its cache, and a test reads right after writing.
     */
    public static WhatsAppSession seenByGateway(WhatsAppSession written) {
        SessionCatalog catalog = Arc.container().instance(SessionCatalog.class).get();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!catalog.cached(written.getMetadata().getNamespace(), written.getMetadata().getName())
                .map(cached -> cached.getMetadata().getResourceVersion().equals(written.getMetadata().getResourceVersion()))
                .orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway's cache never saw " + written.getMetadata().getName());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return written;
    }

    /** The copy of a session's API key that the operator keeps in the gateway's namespace ({@code test} in tests). */
    public void withApiKey(String namespace, String name, String key) {
        client.secrets().inNamespace("test").resource(new SecretBuilder()
                .withNewMetadata().withNamespace("test").withName(GatewayKeyCopy.name(namespace, name))
                .addToLabels(GatewayKeyCopy.LABEL, "true")
                .addToLabels(GatewayKeyCopy.NAMESPACE_LABEL, namespace)
                .addToLabels(GatewayKeyCopy.SESSION_LABEL, name).endMetadata()
                .withData(Map.of("api-key", Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))))
                .build()).create();
    }

    public static final String ADMIN_KEY = "admin-key-for-tests";

    /** A gateway API key Secret in the gateway's namespace ({@code test} in tests). */
    public void gatewayKey(String secretName, String key, String role, String namespaces, String sessionNames) {
        var data = new java.util.HashMap<String, String>(Map.of("key", key, "role", role));
        if (namespaces != null) {
            data.put("namespaces", namespaces);
        }
        if (sessionNames != null) {
            data.put("sessions", sessionNames);
        }
        keySecret(secretName, data);
    }

    /** A send key over {@code namespaces} limited to {@code chats} (comma-separated JIDs or numbers). */
    public void chatLimitedKey(String secretName, String key, String namespaces, String chats) {
        keySecret(secretName, Map.of("key", key, "role", "send", "namespaces", namespaces, "chats", chats));
    }

    private void keySecret(String secretName, Map<String, String> data) {
        if (client.secrets().inNamespace("test").withName(secretName).get() == null) {
            client.secrets().inNamespace("test").resource(new SecretBuilder()
                    .withNewMetadata().withNamespace("test").withName(secretName)
                    .addToLabels("kubezap.io/gateway-key", "true").endMetadata()
                    .withStringData(data).build()).create();
        }
    }

    /** Every request of the test carries the admin key unless it sets its own credentials. */
    public void actAsAdmin() {
        gatewayKey("gateway-admin", ADMIN_KEY, "admin", "*", null);
        io.restassured.RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("X-Api-Key", ADMIN_KEY).build();
    }

    /** The session {@code namespace/name}, applied once for a whole test class, its pod answering to {@code podKey}. */
    public void appliedOnce(String namespace, String name, String podKey) {
        if (get(namespace, name) == null) {
            applied(namespace, name, Map.of());
            withApiKey(namespace, name, podKey);
        }
    }

    public WhatsAppSession get(String namespace, String name) {
        return client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).get();
    }

}
