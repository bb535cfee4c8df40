package io.kubezap.gateway.session;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.gateway.cache.PrunedInformers;
import io.kubezap.gateway.cache.PrunedObjects;
import io.kubezap.gateway.config.GatewayConfig;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubezap.gateway.problem.GatewayException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The sessions, kept where they live: as WhatsAppSession resources in the API server. Reads come from informers'
 * caches (one cluster-wide, or one per served namespace), so looking a session up or listing them costs the API
 * server nothing; a session not in the cache yet (just created) is read from the API server, and writes go there.
 * The caches hold each session pruned to what the gateway shows and routes by ({@link PrunedObjects#session}).
 */
@ApplicationScoped
@Startup
public class SessionCatalog {

    private static final Comparator<WhatsAppSession> BY_NAMESPACE_AND_NAME = Comparator
            .comparing((WhatsAppSession s) -> s.getMetadata().getNamespace())
            .thenComparing(s -> s.getMetadata().getName());

    private final KubernetesClient client;
    private final List<String> servedNamespaces;
    private final List<SharedIndexInformer<WhatsAppSession>> informers;

    SessionCatalog(KubernetesClient client, GatewayConfig config, PrunedInformers informers) {
        this.client = client;
        this.servedNamespaces = config.namespaces().orElse(List.of());
        this.informers = servedNamespaces.isEmpty()
                ? List.of(informers.inform(client.resources(WhatsAppSession.class).inAnyNamespace(), PrunedObjects::session))
                : servedNamespaces.stream().map(ns -> informers.inform(
                        client.resources(WhatsAppSession.class).inNamespace(ns), PrunedObjects::session))
                .toList();
    }

    /** The page of sessions after {@code query.after()}, those {@code visible} to the caller only. */
    public SessionPage list(SessionQuery query, Predicate<WhatsAppSession> visible) {
        List<WhatsAppSession> matching = fetch(query).stream()
                .filter(visible)
                .filter(s -> query.phase() == null || SessionView.phase(s) == query.phase())
                .filter(s -> query.after() == null || cursor(s).compareTo(query.after()) > 0)
                .sorted(BY_NAMESPACE_AND_NAME)
                .limit(query.limit() + 1L)
                .toList();
        boolean more = matching.size() > query.limit();
        List<WhatsAppSession> page = more ? matching.subList(0, query.limit()) : matching;
        return new SessionPage(page.stream().map(SessionView::of).toList(),
                more ? tokenOf(cursor(page.getLast())) : null);
    }

    /** Every session the gateway serves that is {@code visible} to the caller. */
    public List<WhatsAppSession> all(Predicate<WhatsAppSession> visible) {
        return fetch(new SessionQuery(null, null, null, Integer.MAX_VALUE, null)).stream().filter(visible).toList();
    }

    /**
     * From the caches; a label selector (rare, and whose grammar the API server owns) is the one query still sent to
     * the API server: cluster-wide, or namespace by namespace where the gateway may only read some (watchNamespaces).
     */
    private List<WhatsAppSession> fetch(SessionQuery query) {
        if (query.labelSelector() == null || query.labelSelector().isBlank()) {
            return informers.stream().flatMap(informer -> informer.getStore().list().stream())
                    .filter(s -> query.namespace() == null || query.namespace().equals(s.getMetadata().getNamespace()))
                    .toList();
        }
        if (query.namespace() != null) {
            return fetch(client.resources(WhatsAppSession.class).inNamespace(query.namespace()), query);
        }
        if (servedNamespaces.isEmpty()) {
            return fetch(client.resources(WhatsAppSession.class).inAnyNamespace(), query);
        }
        return servedNamespaces.stream()
                .flatMap(ns -> fetch(client.resources(WhatsAppSession.class).inNamespace(ns), query).stream())
                .toList();
    }

    private static List<WhatsAppSession> fetch(
            FilterWatchListDeletable<WhatsAppSession, KubernetesResourceList<WhatsAppSession>, Resource<WhatsAppSession>> scope,
            SessionQuery query) {
        if (query.labelSelector() != null && !query.labelSelector().isBlank()) {
            scope = scope.withLabelSelector(query.labelSelector());
        }
        return scope.list().getItems();
    }

    /** The session as the cache holds it, else as the API server has it (a session created a moment ago); 404 if none. */
    public WhatsAppSession get(String namespace, String name) {
        return cached(namespace, name).orElseGet(() -> current(namespace, name));
    }

    /** The session as the informers' cache holds it; never asks the API server. */
    public Optional<WhatsAppSession> cached(String namespace, String name) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        return informers.stream().map(informer -> informer.getStore().getByKey(key))
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** The session as the API server has it now, for a write to build on; 404 if none. */
    public WhatsAppSession current(String namespace, String name) {
        WhatsAppSession session = client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).get();
        if (session == null) {
            throw GatewayException.notFound("No session " + name + " in namespace " + namespace);
        }
        return session;
    }

    public WhatsAppSession create(WhatsAppSession session) {
        try {
            return client.resource(session).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new GatewayException(409, "session-exists", "Session exists", "A session "
                        + session.getMetadata().getName() + " already exists in namespace "
                        + session.getMetadata().getNamespace());
            }
            throw e;
        }
    }

    /** Replaces the resource as read (its resourceVersion guards against a concurrent change: 409). */
    public WhatsAppSession update(WhatsAppSession session) {
        return client.resource(session).update();
    }

    public void delete(String namespace, String name) {
        current(namespace, name);
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).delete();
    }

    @PreDestroy
    void stop() {
        informers.forEach(SharedIndexInformer::close);
    }

    /** Sessions sort by namespace, then name; NUL cannot occur in either, so the cursor orders the same way. */
    private static String cursor(WhatsAppSession session) {
        return session.getMetadata().getNamespace() + "\u0000" + session.getMetadata().getName();
    }

    static String cursorOf(String token) {
        return token == null ? null : token.replace('/', '\u0000');
    }

    static String tokenOf(String cursor) {
        return cursor == null ? null : cursor.replace('\u0000', '/');
    }
}
