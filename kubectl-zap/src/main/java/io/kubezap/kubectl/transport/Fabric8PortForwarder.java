package io.kubezap.kubectl.transport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;

import java.net.URI;

/** Port-forwards with fabric8 (the API server's portforward subresource), on an ephemeral loopback port. */
public class Fabric8PortForwarder implements PortForwarder {

    private final KubernetesClient client;

    public Fabric8PortForwarder(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Tunnel toPod(String namespace, String pod, int port) {
        return tunnel(client.pods().inNamespace(namespace).withName(pod).portForward(port));
    }

    @Override
    public Tunnel toService(String namespace, String service, int port) {
        return tunnel(client.services().inNamespace(namespace).withName(service).portForward(port));
    }

    private static Tunnel tunnel(LocalPortForward forward) {
        return new Tunnel(URI.create("http://127.0.0.1:" + forward.getLocalPort()), forward);
    }
}
