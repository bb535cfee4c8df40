package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;
import io.kubezap.operator.model.SessionDefaults;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A namespace's defaults for its sessions: the ConfigMap {@value SessionDefaults#CONFIG_MAP}, labelled
 * {@value SessionDefaults#LABEL}{@code =true} (the operator caches no other ConfigMap). Its informer wakes every
 * session of the namespace when it is created, changed or deleted, so each re-renders its pod with what now applies.
 * A ConfigMap the CRD's rules refuse applies nothing: its sessions show Ready=False {@code NamespaceDefaultsInvalid}
 * and their pods keep running as they are.
 */
public final class NamespaceDefaults {

    /** Name of the informer event source on the namespaces' defaults. */
    public static final String EVENT_SOURCE = "namespace-defaults";

    /** Parsed once per version of a ConfigMap (its uid and resourceVersion), not at every reconcile of every session. */
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private record Parsed(SessionDefaults defaults, String problem) {
    }

    /** The namespace's defaults could not be read. */
    public static final class InvalidException extends RuntimeException implements ReasonedFailure {
        InvalidException(String message) {
            super(message);
        }

        @Override
        public Reason reason() {
            return Reason.NamespaceDefaultsInvalid;
        }
    }

    private NamespaceDefaults() {
    }

    public static InformerEventSource<ConfigMap, WhatsAppSession> eventSource(EventSourceContext<WhatsAppSession> context) {
        var sessions = context.getPrimaryCache();
        var configuration = InformerEventSourceConfiguration.from(ConfigMap.class, WhatsAppSession.class)
                .withName(EVENT_SOURCE)
                .withLabelSelector(SessionDefaults.LABEL + "=true")
                .withInformerListLimit(ListPages.SIZE)
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<WhatsAppSession>) session ->
                        Set.of(new ResourceID(SessionDefaults.CONFIG_MAP, session.getMetadata().getNamespace())))
                .withSecondaryToPrimaryMapper(configMap -> SessionDefaults.CONFIG_MAP.equals(configMap.getMetadata().getName())
                        ? sessions.list(configMap.getMetadata().getNamespace()).map(ResourceID::fromResource).collect(Collectors.toSet())
                        : Set.of())
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The defaults of the session's namespace, from the informer's cache; {@link SessionDefaults#NONE} without any. */
    public static SessionDefaults of(WhatsAppSession session, Context<WhatsAppSession> context) {
        return of(context.getSecondaryResourcesAsStream(ConfigMap.class)
                .filter(configMap -> SessionDefaults.CONFIG_MAP.equals(configMap.getMetadata().getName()))
                .findFirst());
    }

    /** The defaults a ConfigMap holds; {@link InvalidException} naming it when the CRD's rules refuse them. */
    public static SessionDefaults of(Optional<ConfigMap> configMap) {
        if (configMap.isEmpty()) {
            return SessionDefaults.NONE;
        }
        var metadata = configMap.get().getMetadata();
        Parsed parsed = PARSED.computeIfAbsent(metadata.getUid() + "/" + metadata.getResourceVersion(), version -> {
            String where = "ConfigMap " + metadata.getNamespace() + "/" + metadata.getName() + " key " + SessionDefaults.KEY;
            try {
                var data = configMap.get().getData();
                return new Parsed(SessionDefaults.parse(data == null ? null : data.get(SessionDefaults.KEY), where), null);
            } catch (SessionDefaults.Invalid invalid) {
                return new Parsed(null, invalid.getMessage()
                        + " (none of the namespace's defaults is applied; the session pod keeps running as it is)");
            }
        });
        if (PARSED.size() > 1024) { // old versions: one entry per namespace's current version is all that is used
            PARSED.clear();
        }
        if (parsed.problem() != null) {
            throw new InvalidException(parsed.problem());
        }
        return parsed.defaults();
    }
}
