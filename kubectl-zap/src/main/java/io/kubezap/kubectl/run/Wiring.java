package io.kubezap.kubectl.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.kubectl.cluster.ClusterOptions;
import io.kubezap.kubectl.cluster.KubeClients;
import io.kubezap.kubectl.transport.Fabric8PortForwarder;
import io.kubezap.kubectl.transport.PortForwarder;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * What the plugin reaches outside itself: a Kubernetes client for the user's options, the port-forwarder built on
 * it, the environment and standard input. Tests replace the first two (the mock API server cannot port-forward).
 */
public record Wiring(Function<ClusterOptions, KubernetesClient> clients,
                     Function<KubernetesClient, PortForwarder> forwarders, Map<String, String> environment, InputStream in) {

    public Wiring(Function<ClusterOptions, KubernetesClient> clients, Function<KubernetesClient, PortForwarder> forwarders,
                  Map<String, String> environment) {
        this(clients, forwarders, environment, System.in);
    }

    public static Wiring real() {
        return new Wiring(KubeClients::connect, Fabric8PortForwarder::new, System.getenv(), System.in);
    }
}
