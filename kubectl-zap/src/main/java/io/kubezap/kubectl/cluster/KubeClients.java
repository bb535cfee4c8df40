package io.kubezap.kubectl.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubezap.kubectl.failure.CliFailure;

import java.nio.file.Files;

/** A Kubernetes client from the user's kubeconfig, as kubectl would pick it. */
public final class KubeClients {

    private KubeClients() {
    }

    public static KubernetesClient connect(ClusterOptions options) {
        Config config;
        if (options.kubeconfig() != null) {
            if (!Files.isReadable(options.kubeconfig())) {
                throw new CliFailure("cannot read the kubeconfig " + options.kubeconfig());
            }
            config = Config.fromKubeconfig(options.context(), options.kubeconfig().toFile());
        } else {
            config = Config.autoConfigure(options.context());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
