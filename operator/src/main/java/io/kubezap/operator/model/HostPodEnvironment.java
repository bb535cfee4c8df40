package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.kubezap.contract.PodSetting;
import io.kubezap.operator.config.OperatorConfig;

import java.util.List;

/**
 * A session host's own environment (decision record 0021): the rows of the session pod's table it takes from its
 * environment ({@link PodSetting#hostSet()}), with the values and rendering a session pod's get, but its one pool
 * logging in from the namespace's pool Secret and sized by {@code kubezap.host.database-pool-max}.
 */
public final class HostPodEnvironment {

    /** The data directory the environment names: the host mounts its cache there, as a pod mounts its volume. */
    public static final String DATA_DIR = SessionPodEnvironment.DATA_DIR;

    private HostPodEnvironment() {
    }

    public static List<EnvVar> of(String namespace, OperatorConfig config) {
        return SessionPodEnvironment.host(SessionPodEnvironment.Source.host(namespace, config));
    }
}
