package io.kubezap.system.scale;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.contract.SessionObjectNames;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a gateway in front of a fleet reads, written as the operator and a GitOps tool write it: each session (GitOps
 * annotations, the operator's finalizer, a Connected status) and its API key's copy in the gateway's namespace
 * ({@link KeyedSessionPods#keyOf}); an admin gateway key; and the fleet counted through the gateway's own list API.
 */
public final class GatewayFleet {

    private static final Pattern CONTINUE = Pattern.compile("\"continue\"\\s*:\\s*\"([^\"]+)\"");

    private final KubernetesClient client;
    private final String namespace;
    private final String keysNamespace;

    /** Sessions in {@code namespace}; the gateway's keys and the key copies in {@code keysNamespace}. */
    public GatewayFleet(KubernetesClient client, String namespace, String keysNamespace) {
        this.client = client;
        this.namespace = namespace;
        this.keysNamespace = keysNamespace;
    }

    /** A gateway key of role admin over every namespace. */
    public void adminKey(String key) {
        client.secrets().inNamespace(keysNamespace).resource(new SecretBuilder().withNewMetadata()
                .withName("bench-admin").addToLabels("kubezap.io/gateway-key", "true").endMetadata()
                .withData(Map.of("key", base64(key), "role", base64("admin"), "namespaces", base64("*")))
                .build()).create();
    }

    /** A session as GitOps applies it, Connected as the operator reports it, and its key's copy as the operator makes it. */
    public void createConnected(String name) {
        var session = new WhatsAppSession();
        session.getMetadata().setName(name);
        session.getMetadata().setNamespace(namespace);
        session.getMetadata().setLabels(Map.of("app.kubernetes.io/instance", "sessions"));
        var spec = new WhatsAppSessionSpec();
        spec.setDisplayName("Store " + name);
        session.setSpec(spec);
        GitOpsSessions.annotated(client, session);
        WhatsAppSession stored = retried(() -> createOrGet(session));
        stored.getMetadata().setFinalizers(List.of("whatsappsessions.kubezap.io/finalizer"));
        WhatsAppSession finalized = retried(() -> client.resource(stored).update());
        finalized.setStatus(connectedStatus(name));
        retried(() -> client.resource(finalized).updateStatus());
        retried(() -> createOrGet(keyCopy(name)));
    }

    /**
     * Every session of the namespace, page by page ({@code limit} each), as a client lists them through the gateway at
     * {@code base} with {@code key}: how many the gateway's cache holds, and how many of them it shows Connected.
     */
    public static int[] countByPages(HttpClient http, URI base, String key, String namespace, int limit) throws Exception {
        int count = 0;
        int connected = 0;
        String token = null;
        do {
            String query = "/api/v1/sessions?namespace=%s&limit=%d".formatted(namespace, limit)
                    + (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve(query)).header("X-Api-Key", key)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("listing answered " + page.statusCode() + ": " + page.body());
            }
            count += page.body().split("\"namespace\"\\s*:").length - 1;
            connected += page.body().split("\"phase\":\"Connected\"").length - 1;
            Matcher next = CONTINUE.matcher(page.body());
            token = next.find() ? next.group(1) : null;
        } while (token != null);
        return new int[] {count, connected};
    }

    private WhatsAppSessionStatus connectedStatus(String name) {
        var status = new WhatsAppSessionStatus();
        status.setObservedGeneration(1L);
        status.setPhase(SessionPhase.Connected);
        String phone = "55119" + "%08d".formatted(Math.abs(name.hashCode()) % 100_000_000);
        status.setAccount(new Account(phone + "@s.whatsapp.net", phone, "Store " + name));
        status.setEndpoint(SessionObjectNames.baseUrl(namespace, name));
        status.setApiKeySecret(SessionObjectNames.apiKeySecretName(name));
        status.setLastConnectedAt("2026-11-25T10:00:40Z");
        status.setReconnects(0);
        status.setConditions(List.of(
                condition("Ready", "SessionConnected", "the session is connected to WhatsApp"),
                condition("PodReady", "PodReady", "the session pod is ready"),
                condition("Paired", "Paired", "a phone is linked"),
                condition("Connected", "Connected", "the socket to WhatsApp is open")));
        return status;
    }

    private static Condition condition(String type, String reason, String message) {
        return new ConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withObservedGeneration(1L).withLastTransitionTime("2026-11-25T10:00:40Z").build();
    }

    private Secret keyCopy(String name) {
        return new SecretBuilder().withNewMetadata()
                .withName(GatewayKeyCopy.name(namespace, name)).withNamespace(keysNamespace)
                .addToLabels(GatewayKeyCopy.LABEL, "true")
                .addToLabels(GatewayKeyCopy.NAMESPACE_LABEL, namespace)
                .addToLabels(GatewayKeyCopy.SESSION_LABEL, name)
                .addToAnnotations(GatewayKeyCopy.SOURCE_ANNOTATION, namespace + "/" + SessionObjectNames.apiKeySecretName(name))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(SessionObjectNames.API_KEY_SECRET_KEY, base64(KeyedSessionPods.keyOf(name))))
                .build();
    }

    private <T extends HasMetadata> T createOrGet(T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException failed) {
            if (failed.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return client.resource(object).get();
            }
            throw failed;
        }
    }

    /** On a loaded machine the mock server may answer after the client's timeout: tried again, a few times. */
    private static <T> T retried(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (KubernetesClientException failed) {
                if (attempt == 5) {
                    throw failed;
                }
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
