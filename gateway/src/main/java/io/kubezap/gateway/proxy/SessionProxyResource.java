package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionApi;
import io.kubezap.gateway.auth.Access;
import io.kubezap.gateway.config.GatewayConfig;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Everything under a session that is not the session itself (qr, pairing-code, messages, chats, ...) goes to the
 * session's pod. {@code /api/v1/sessions/{name}/...} uses the gateway's default namespace, so a client written for
 * a session pod works unchanged against the gateway.
 */
@Path("/api/v1")
public class SessionProxyResource {

    private final PodTargets targets;
    private final PodForwarder forwarder;
    private final GatewayConfig config;
    private final Access access;

    SessionProxyResource(PodTargets targets, PodForwarder forwarder, GatewayConfig config, Access access) {
        this.targets = targets;
        this.forwarder = forwarder;
        this.config = config;
        this.access = access;
    }

    @Path("namespaces/{namespace}/sessions/{name}/{path: .+}")
    public PodCall namespaced(@PathParam("namespace") String namespace, @PathParam("name") String name,
                              @PathParam("path") String path) {
        return call(namespace, name, path, "/api/v1/namespaces/" + namespace + "/sessions/" + name);
    }

    @Path("sessions/{name}/{path: .+}")
    public PodCall inDefaultNamespace(@PathParam("name") String name, @PathParam("path") String path) {
        return call(config.defaultNamespace(), name, path, SessionApi.session(name));
    }

    /**
     * Reads need the right to read the session; logout, restart and pairing the right to manage it; anything else
     * the right to send through it.
     */
    private PodCall call(String namespace, String name, String path, String publicBase) {
        return new PodCall(method -> {
            access.require(ProxiedOperation.of(method, path), namespace, name);
            return targets.of(namespace, name);
        }, forwarder, path, publicBase);
    }
}
