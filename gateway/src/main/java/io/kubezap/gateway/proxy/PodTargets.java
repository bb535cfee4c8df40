package io.kubezap.gateway.proxy;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.gateway.session.SessionCatalog;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/** Finds a session's pod: its address (as the contract names it) and its API key ({@link SessionKeys}: the operator's copy). */
@ApplicationScoped
class PodTargets {

    private final SessionCatalog catalog;
    private final SessionKeys keys;
    private final GatewayConfig config;

    PodTargets(SessionCatalog catalog, SessionKeys keys, GatewayConfig config) {
        this.catalog = catalog;
        this.keys = keys;
        this.config = config;
    }

    PodTarget of(String namespace, String name) {
        WhatsAppSession session = catalog.get(namespace, name);
        return new PodTarget(namespace, name, baseUrl(session), apiKey(session));
    }

    /**
     * Under the namespace's headless Service: the session host its status names (placement Host), else its own pod,
     * or the session's own Service while its StatefulSet (made by an earlier release) keeps it; the status can only
     * choose among those.
     */
    private URI baseUrl(WhatsAppSession session) {
        WhatsAppSessionStatus status = session.getStatus();
        return URI.create(HostObjectNames.sessionBaseUrl(config.sessionUrl(), session.getMetadata().getNamespace(),
                session.getMetadata().getName(), status == null ? null : status.getEndpoint(),
                status == null ? null : status.getHost()));
    }

    private String apiKey(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        return keys.of(namespace, name).orElseThrow(() -> new GatewayException(503, "session-unavailable",
                "Session unavailable", "Session " + name + " has no API key yet (its copy, " + keys.describe(namespace, name)
                + "); the operator has not set it up"));
    }
}
