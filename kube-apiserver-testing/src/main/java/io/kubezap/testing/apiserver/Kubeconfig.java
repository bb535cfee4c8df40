package io.kubezap.testing.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file with one cluster, one user by bearer token and one context, as Helm, kubectl and fabric8 read it. */
public final class Kubeconfig {

    private Kubeconfig() {
    }

    /**
     * Writes {@code file}. {@code clusterTls} is the cluster's TLS line: {@code insecure-skip-tls-verify: true}, or
     * {@code certificate-authority-data: <base64 PEM>}.
     */
    public static Path write(Path file, String serverUrl, String clusterTls, String user, String token, String namespace) {
        try {
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: real
                      cluster:
                        server: %s
                        %s
                    users:
                    - name: %s
                      user:
                        token: %s
                    contexts:
                    - name: real
                      context: {cluster: real, user: %s, namespace: %s}
                    current-context: real
                    """.formatted(serverUrl, clusterTls, user, token, user, namespace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
