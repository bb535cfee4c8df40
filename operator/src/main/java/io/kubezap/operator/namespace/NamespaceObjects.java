package io.kubezap.operator.namespace;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.model.SessionObjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the operator keeps once per namespace where sessions live, not per session: the headless Service that governs
 * every session pod there ({@link SessionsService}) and the session pods' NetworkPolicies ({@link SessionNetworkPolicies}).
 * No session owns them (an owner reference to each of 10,000 sessions is no answer): every session's reconcile keeps
 * them (from the cache: no API call when they hold what they should), including in a namespace made after install, and
 * the cleanup of a namespace's last session removes them. The namespace's key-wrapping Secret ({@link KeyWrappingSecret})
 * is made here too, and outlives the last session.
 */
@ApplicationScoped
public class NamespaceObjects {

    /** Carried by every per-namespace object; the informers watch this label only. */
    public static final String LABEL = "kubezap.io/per-namespace";
    static final String SELECTOR = LABEL + "=true";

    private final List<PerNamespace<?>> kinds;
    private final KeyWrappingSecret keyWrapping = new KeyWrappingSecret();

    @Inject
    public NamespaceObjects(OperatorConfig config) {
        this(SessionNetworkPolicies.templates(config.session().networkPolicies()));
    }

    NamespaceObjects(List<NetworkPolicy> networkPolicies) {
        this.kinds = List.of(
                new PerNamespace<>(Service.class, "namespace-services", List.of(SessionsService.template())),
                new PerNamespace<>(NetworkPolicy.class, "namespace-network-policies", networkPolicies));
    }

    public List<EventSource<?, WhatsAppSession>> eventSources(EventSourceContext<WhatsAppSession> context) {
        return kinds.stream().<EventSource<?, WhatsAppSession>>map(kind -> kind.eventSource(context)).toList();
    }

    /** Called by every reconcile of a session: its namespace's objects as they should be. */
    public void keep(WhatsAppSession session, Context<WhatsAppSession> context) {
        keyWrapping.keep(session.getMetadata().getNamespace(), context.getClient());
        kinds.forEach(kind -> kind.keep(session.getMetadata().getNamespace(), context.getClient()));
    }

    /**
     * Whether the cleanup of {@code session} waits for the other sessions of its namespace before it runs: each of them
     * is being deleted too ({@code kubectl delete whatsappsessions --all}) and {@code session}'s name sorts last, so it
     * is the one that finds itself alone and removes the namespace's objects ({@link #releaseIfLast}). Each cleanup
     * sees the others, which count until their finalizers are gone; without the wait none of them would be the last.
     * A cleanup also waits while every other is being deleted and none of them waits ({@code waiting}): the one whose
     * name sorts last may have started before it saw the others deleted (its cache lags the API server), and has then
     * gone without the namespace's objects, so this one must find itself alone.
     */
    public boolean waitsForOthers(WhatsAppSession session, Context<WhatsAppSession> context, Predicate<WhatsAppSession> waiting) {
        String name = session.getMetadata().getName();
        List<WhatsAppSession> others = others(session, context).toList();
        if (others.isEmpty() || others.stream().anyMatch(other -> other.getMetadata().getDeletionTimestamp() == null)) {
            return false;
        }
        return others.stream().allMatch(other -> other.getMetadata().getName().compareTo(name) < 0)
                || others.stream().noneMatch(waiting);
    }

    /**
     * Called by the cleanup of a session that is going: with no other session in its namespace (a deleted one still
     * counts until its finalizer is gone: its pod may still be asked to log out), the namespace's objects go too.
     */
    public void releaseIfLast(WhatsAppSession session, Context<WhatsAppSession> context) {
        if (others(session, context).findAny().isEmpty()) {
            kinds.forEach(kind -> kind.remove(session.getMetadata().getNamespace(), context.getClient()));
        }
    }

    /**
     * The other sessions of {@code session}'s namespace that still count: a deleted one counts until the operator's
     * finalizer is gone from it, not while only another controller's finalizer keeps it.
     */
    private static Stream<WhatsAppSession> others(WhatsAppSession session, Context<WhatsAppSession> context) {
        String finalizer = context.getControllerConfiguration().getFinalizerName();
        return context.getPrimaryCache().list(session.getMetadata().getNamespace())
                .filter(other -> !other.getMetadata().getName().equals(session.getMetadata().getName()))
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null
                        || Objects.requireNonNullElse(other.getMetadata().getFinalizers(), List.of()).contains(finalizer));
    }

    /** Labels of every per-namespace object. */
    static Map<String, String> labels() {
        return Map.of(SessionObjects.LABEL_MANAGED_BY, SessionObjects.MANAGED_BY, LABEL, "true");
    }

    static boolean isOurs(HasMetadata object) {
        var labels = object.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(LABEL));
    }
}
