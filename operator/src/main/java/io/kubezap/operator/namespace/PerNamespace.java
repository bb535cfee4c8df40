package io.kubezap.operator.namespace;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One kind of object the operator keeps once in every namespace where sessions live, from templates without a
 * namespace, each labelled {@link NamespaceObjects#LABEL} and annotated with the hash of what it should hold
 * ({@link DesiredHash}). Read from an informer of that label: a namespace whose objects carry the templates' hashes
 * costs a reconcile two cache look-ups and no API call, however many sessions it holds. A write that the informer has
 * not shown yet is remembered, so that the many sessions of one namespace reconciled at once write it once.
 */
final class PerNamespace<R extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(PerNamespace.class);

    private final Class<R> type;
    private final String eventSourceName;
    private final List<R> templates;
    /** What this operator wrote and the informer has not shown since: id → the hash written. */
    private final Map<ResourceID, String> written = new ConcurrentHashMap<>();
    private volatile InformerEventSource<R, WhatsAppSession> cache;

    PerNamespace(Class<R> type, String eventSourceName, List<R> templates) {
        this.type = type;
        this.eventSourceName = eventSourceName;
        this.templates = templates.stream().map(DesiredHash::annotated).toList();
    }

    /**
     * The informer: a change or deletion of one of these objects (by hand, or the last session's cleanup racing a new
     * session) wakes one session of its namespace, whose reconcile puts it back.
     */
    InformerEventSource<R, WhatsAppSession> eventSource(EventSourceContext<WhatsAppSession> context) {
        var configuration = InformerEventSourceConfiguration.from(type, WhatsAppSession.class)
                .withName(eventSourceName)
                .withLabelSelector(NamespaceObjects.SELECTOR)
                .withInformerListLimit(ListPages.SIZE)
                .withSecondaryToPrimaryMapper(object -> {
                    written.remove(ResourceID.fromResource(object));
                    return context.getPrimaryCache().list(object.getMetadata().getNamespace()).findFirst()
                            .map(ResourceID::fromResource).map(Set::of).orElse(Set.of());
                })
                .build();
        cache = new InformerEventSource<>(configuration, context);
        return cache;
    }

    /** Writes what differs from the templates in {@code namespace}, and removes objects of the label no template names. */
    void keep(String namespace, KubernetesClient client) {
        templates.forEach(template -> keep(template, namespace, client));
        Set<String> names = names();
        cache.list(namespace).filter(object -> !names.contains(object.getMetadata().getName()))
                .forEach(object -> delete(client, object));
    }

    /** Removes every object of this kind from {@code namespace} (its last session is gone). */
    void remove(String namespace, KubernetesClient client) {
        templates.forEach(template -> {
            var id = new ResourceID(template.getMetadata().getName(), namespace);
            written.remove(id);
            client.resources(type).inNamespace(namespace).withName(id.getName()).delete();
        });
        cache.list(namespace).forEach(object -> delete(client, object));
    }

    private void keep(R template, String namespace, KubernetesClient client) {
        var id = new ResourceID(template.getMetadata().getName(), namespace);
        String hash = DesiredHash.of(template);
        if (cache.get(id).map(DesiredHash::of).filter(hash::equals).isPresent()) {
            return;
        }
        written.compute(id, (key, before) -> hash.equals(before) ? before : write(template, namespace, client));
    }

    /**
     * The hash now in place: created, or written over the object of the label (its resourceVersion guards against a
     * change in between); one of that name without the label is someone else's and is left alone.
     */
    private String write(R template, String namespace, KubernetesClient client) {
        R desired = client.getKubernetesSerialization().clone(template);
        desired.getMetadata().setNamespace(namespace);
        R found = client.resources(type).inNamespace(namespace).withName(template.getMetadata().getName()).get();
        if (found == null) {
            create(client, desired);
        } else if (NamespaceObjects.isOurs(found)) {
            desired.getMetadata().setResourceVersion(found.getMetadata().getResourceVersion());
            client.resource(desired).update();
        } else {
            LOG.warnf("%s %s/%s exists and is not the operator's (no label %s): left alone; the session pods of %s go"
                    + " without it", type.getSimpleName(), namespace, desired.getMetadata().getName(),
                    NamespaceObjects.SELECTOR, namespace);
        }
        return DesiredHash.of(template);
    }

    private static <R extends HasMetadata> void create(KubernetesClient client, R desired) {
        try {
            client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    private Set<String> names() {
        return templates.stream().map(template -> template.getMetadata().getName())
                .collect(java.util.stream.Collectors.toSet());
    }

    private void delete(KubernetesClient client, R object) {
        try {
            client.resource(object).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }
}
