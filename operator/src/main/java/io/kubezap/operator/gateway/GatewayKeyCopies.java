package io.kubezap.operator.gateway;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.contract.ListPages;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.operator.config.OperatorConfig;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each session's API key, copied into the gateway's namespace ({@link GatewayKeyCopy}): the gateway then reads Secrets
 * there only, and needs no right on Secrets where sessions live. Kubernetes has no owner reference across namespaces,
 * so the copy is kept in step by its dependent ({@link GatewayKeyCopyDependent}) at every reconcile (a rotated key, a
 * copy deleted by hand) and deleted by the session's cleanup. The copies are read from an informer of their label in
 * the gateway's namespace; a write happens only when one differs from the key. With no gateway namespace configured
 * (no gateway installed) nothing is copied.
 */
@ApplicationScoped
public class GatewayKeyCopies {

    /** Name of the informer event source on the copies. */
    public static final String EVENT_SOURCE = "gateway-key-copies";
    private static final Logger LOG = Logger.getLogger(GatewayKeyCopies.class);

    private final Optional<String> namespace;
    private volatile InformerEventSource<Secret, WhatsAppSession> copies;

    @Inject
    public GatewayKeyCopies(OperatorConfig config) {
        this(config.gateway().namespace());
    }

    GatewayKeyCopies(Optional<String> namespace) {
        this.namespace = namespace.filter(ns -> !ns.isBlank());
    }

    /** The informer of the copies: a copy changed or deleted by someone else wakes its session, which writes it again. */
    public Optional<InformerEventSource<Secret, WhatsAppSession>> eventSource(EventSourceContext<WhatsAppSession> context) {
        return namespace.map(ns -> {
            var configuration = InformerEventSourceConfiguration.from(Secret.class, WhatsAppSession.class)
                    .withName(EVENT_SOURCE)
                    .withNamespaces(Set.of(ns))
                    .withLabelSelector(GatewayKeyCopy.LABEL + "=true")
                    .withInformerListLimit(ListPages.SIZE)
                    .withSecondaryToPrimaryMapper(GatewayKeyCopies::sessionOf)
                    .build();
            copies = new InformerEventSource<>(configuration, context);
            return copies;
        });
    }

    private static Set<ResourceID> sessionOf(Secret copy) {
        Map<String, String> labels = copy.getMetadata().getLabels();
        String session = labels == null ? null : labels.get(GatewayKeyCopy.SESSION_LABEL);
        String sessionNamespace = labels == null ? null : labels.get(GatewayKeyCopy.NAMESPACE_LABEL);
        return session == null || sessionNamespace == null ? Set.of() : Set.of(new ResourceID(session, sessionNamespace));
    }

    /** The gateway's namespace, where the copies live; empty when no gateway is installed. */
    public Optional<String> namespace() {
        return namespace;
    }

    /**
     * Deletes the session's copy (its cleanup): only a Secret that is that session's copy. One the cache has not seen
     * yet (written a moment ago) is read by name, so that it is not left behind.
     */
    public void remove(WhatsAppSession session, KubernetesClient client) {
        if (namespace.isEmpty()) {
            return;
        }
        var named = client.secrets().inNamespace(namespace.get()).withName(nameOf(session));
        cached(session).or(() -> Optional.ofNullable(named.get()))
                .filter(copy -> isCopyOf(copy, session))
                .ifPresent(copy -> named.delete());
    }

    /** The session's copy as the informer holds it. */
    Optional<Secret> cached(WhatsAppSession session) {
        var cache = copies;
        return cache == null ? Optional.empty()
                : cache.get(new ResourceID(nameOf(session), namespace.orElseThrow()));
    }

    /** A Secret of the copy's name that the cache has not seen is left alone if it is not a copy (then it is not ours). */
    void create(KubernetesClient client, Secret desired) {
        try {
            client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            LOG.debugf("%s/%s exists already; the informer will show it", desired.getMetadata().getNamespace(),
                    desired.getMetadata().getName());
        }
    }

    /** Writes {@code desired} over the copy that differs from it. */
    void update(KubernetesClient client, Secret desired) {
        client.secrets().inNamespace(desired.getMetadata().getNamespace()).withName(desired.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), desired);
    }

    static Secret desired(WhatsAppSession session, String gatewayNamespace, String apiKey) {
        String sessionNamespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        return new SecretBuilder()
                .withNewMetadata()
                .withName(GatewayKeyCopy.name(sessionNamespace, name))
                .withNamespace(gatewayNamespace)
                .addToLabels(GatewayKeyCopy.LABEL, "true")
                .addToLabels(GatewayKeyCopy.NAMESPACE_LABEL, sessionNamespace)
                .addToLabels(GatewayKeyCopy.SESSION_LABEL, name)
                .addToAnnotations(GatewayKeyCopy.SOURCE_ANNOTATION,
                        sessionNamespace + "/" + SessionObjectNames.apiKeySecretName(name))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(SessionObjectNames.API_KEY_SECRET_KEY,
                        Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    private static String nameOf(WhatsAppSession session) {
        return GatewayKeyCopy.name(session.getMetadata().getNamespace(), session.getMetadata().getName());
    }

    /** {@code current} is the session's copy and holds the key {@code desired} holds. */
    static boolean matches(Secret current, Secret desired, WhatsAppSession session) {
        return sameKey(current, desired) && isCopyOf(current, session);
    }

    private static boolean isCopyOf(Secret secret, WhatsAppSession session) {
        return GatewayKeyCopy.isCopyOf(secret.getMetadata().getLabels(), session.getMetadata().getNamespace(),
                session.getMetadata().getName());
    }

    private static boolean sameKey(Secret current, Secret desired) {
        return current.getData() != null && desired.getData().equals(Map.copyOf(current.getData()));
    }
}
