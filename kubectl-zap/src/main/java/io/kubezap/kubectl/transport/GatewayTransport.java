package io.kubezap.kubectl.transport;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.GatewayApi;

import java.util.function.Supplier;

/**
 * Through the gateway: one base URL (the user's, or a port-forward to the gateway's Service opened on first use)
 * and a gateway key.
 */
public class GatewayTransport implements SessionTransport {

    private final String description;
    private final Supplier<Tunnel> opener;
    private final String key;
    private final Tunnels tunnels = new Tunnels();
    private Tunnel tunnel;

    public GatewayTransport(String description, Supplier<Tunnel> opener, String key) {
        this.description = description;
        this.opener = opener;
        this.key = key;
    }

    @Override
    public SessionEndpoint endpoint(WhatsAppSession session) {
        if (tunnel == null) {
            tunnel = tunnels.keep(opener.get());
        }
        return new SessionEndpoint(Urls.under(tunnel.localUrl(), GatewayApi.session(
                session.getMetadata().getNamespace(), session.getMetadata().getName())), key, false);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        tunnels.closeAll();
    }
}
