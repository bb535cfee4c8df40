package io.kubezap.testing.apiserver;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Kubernetes binaries are: the environment names them (.ci/run exports them where they exist). The project
 * neither ships nor builds them; a test that needs one skips, naming the variable, where it is not set.
 */
public enum KubeBinaries {
    KUBE_APISERVER("KUBEZAP_KUBE_APISERVER"),
    ETCD("KUBEZAP_ETCD"),
    KUBE_CONTROLLER_MANAGER("KUBEZAP_KUBE_CONTROLLER_MANAGER"),
    /** The kubectl of the server's version (the client's version skew policy). */
    KUBECTL("KUBEZAP_KUBECTL");

    private final String variable;

    KubeBinaries(String variable) {
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }

    /** The executable the variable names, if it is set and executable. */
    public Optional<Path> find() {
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank()).map(Path::of)
                .filter(Files::isExecutable);
    }

    /** The executable, or the calling test is skipped with the reason. */
    public Path require() {
        Optional<Path> found = find();
        Assumptions.assumeTrue(found.isPresent(), () -> variable + " does not name an executable "
                + name().toLowerCase().replace('_', '-') + " (value: " + System.getenv(variable)
                + "): this test runs against a real Kubernetes API server only");
        return found.orElseThrow();
    }
}
