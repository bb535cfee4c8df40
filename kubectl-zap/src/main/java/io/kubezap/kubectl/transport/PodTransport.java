package io.kubezap.kubectl.transport;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.kubectl.cluster.SessionLookup;

import java.util.HashMap;
import java.util.Map;

/** Straight to the session pod: a port-forward to its ready pod, with the key from the session's key Secret. */
public class PodTransport implements SessionTransport {

    private final SessionLookup lookup;
    private final PortForwarder forwarder;
    private final Tunnels tunnels = new Tunnels();
    private final Map<String, SessionEndpoint> endpoints = new HashMap<>();

    public PodTransport(SessionLookup lookup, PortForwarder forwarder) {
        this.lookup = lookup;
        this.forwarder = forwarder;
    }

    @Override
    public SessionEndpoint endpoint(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        return endpoints.computeIfAbsent(namespace + "/" + name, key -> {
            String apiKey = lookup.apiKey(session);
            String pod = lookup.readyPod(session).getMetadata().getName();
            Tunnel tunnel = tunnels.keep(forwarder.toPod(namespace, pod, SessionObjectNames.HTTP_PORT));
            return new SessionEndpoint(Urls.under(tunnel.localUrl(), SessionApi.session(name)), apiKey, true);
        });
    }

    @Override
    public String describe() {
        return "a port-forward to the session pod";
    }

    @Override
    public void close() {
        tunnels.closeAll();
    }
}
