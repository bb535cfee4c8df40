package io.kubezap.kubectl;

import io.kubezap.kubectl.transport.PortForwarder;
import io.kubezap.kubectl.transport.Tunnel;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mock API server cannot port-forward: this one "forwards" a pod's or Service's port to a stand-in server and
 * records what it was asked to forward, and whether the tunnel was closed.
 */
final class FakePortForwarder implements PortForwarder {

    private final Map<String, URI> targets = new HashMap<>();
    final List<String> opened = Collections.synchronizedList(new ArrayList<>());
    final List<String> closed = Collections.synchronizedList(new ArrayList<>());

    FakePortForwarder pod(String namespace, String pod, URI to) {
        targets.put("pod/" + namespace + "/" + pod, to);
        return this;
    }

    FakePortForwarder service(String namespace, String service, URI to) {
        targets.put("service/" + namespace + "/" + service, to);
        return this;
    }

    @Override
    public Tunnel toPod(String namespace, String pod, int port) {
        return open("pod/" + namespace + "/" + pod, port);
    }

    @Override
    public Tunnel toService(String namespace, String service, int port) {
        return open("service/" + namespace + "/" + service, port);
    }

    private Tunnel open(String target, int port) {
        URI to = targets.get(target);
        if (to == null) {
            throw new IllegalStateException("nothing to forward " + target + " to");
        }
        opened.add(target + ":" + port);
        return new Tunnel(to, () -> closed.add(target + ":" + port));
    }
}
