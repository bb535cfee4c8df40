package io.kubezap.kubectl.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.kubectl.cluster.ClusterOptions;
import io.kubezap.kubectl.cluster.SessionLookup;
import io.kubezap.kubectl.sessionapi.SessionClient;
import io.kubezap.kubectl.transport.PortForwarder;
import io.kubezap.kubectl.transport.SessionTransport;
import io.kubezap.kubectl.transport.TransportChoice;
import io.kubezap.kubectl.transport.TransportOptions;

import java.io.PrintWriter;

/** One command's connection to the cluster: the client, the namespace it acts in, and the way to each session's API. */
public final class ZapRun implements AutoCloseable {

    private final Wiring wiring;
    private final ClusterOptions options;
    private final TransportOptions transportOptions;
    private final KubernetesClient client;
    private final SessionLookup lookup;
    private final PrintWriter out;
    private final PrintWriter err;
    private SessionTransport transport;

    public ZapRun(Wiring wiring, ClusterOptions options, TransportOptions transportOptions, PrintWriter out, PrintWriter err) {
        this.wiring = wiring;
        this.options = options;
        this.transportOptions = transportOptions;
        this.client = wiring.clients().apply(options);
        this.lookup = new SessionLookup(client);
        this.out = out;
        this.err = err;
    }

    /** The namespace to act in: -n, else the kubeconfig context's, else "default". */
    public String namespace() {
        if (options.namespace() != null) {
            return options.namespace();
        }
        return client.getNamespace() != null ? client.getNamespace() : "default";
    }

    public boolean allNamespaces() {
        return options.allNamespaces();
    }

    public KubernetesClient client() {
        return client;
    }

    public SessionLookup lookup() {
        return lookup;
    }

    public WhatsAppSession session(String name) {
        return lookup.session(namespace(), name);
    }

    /** The session's API, over the transport chosen on first use. */
    public SessionClient api(WhatsAppSession session) {
        if (transport == null) {
            transport = new TransportChoice(client, wiring.forwarders().apply(client), err).choose(transportOptions);
        }
        return new SessionClient(session.getMetadata().getName(), transport.endpoint(session));
    }

    /** Port-forwards with the user's credentials, for endpoints outside the sessions' API (health, metrics). */
    public PortForwarder forwarder() {
        return wiring.forwarders().apply(client);
    }

    public PrintWriter out() {
        return out;
    }

    /** Standard input, for what the user pastes (the passkey's answer). */
    public java.io.InputStream in() {
        return wiring.in();
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
        client.close();
    }
}
