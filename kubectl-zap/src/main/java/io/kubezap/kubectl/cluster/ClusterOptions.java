package io.kubezap.kubectl.cluster;

import java.nio.file.Path;

/**
 * The kubectl options a user expects a plugin to take (kubectl hands a plugin its arguments as they are): the
 * kubeconfig file and context, and the namespace; {@code null} means kubectl's default (KUBECONFIG or
 * ~/.kube/config, its current context, the context's namespace).
 */
public record ClusterOptions(Path kubeconfig, String context, String namespace, boolean allNamespaces) {
}
