package io.kubezap.kubectl.transport;

/** Opens local tunnels to a pod's or a Service's port, as {@code kubectl port-forward} does. */
public interface PortForwarder {

    Tunnel toPod(String namespace, String pod, int port);

    Tunnel toService(String namespace, String service, int port);
}
