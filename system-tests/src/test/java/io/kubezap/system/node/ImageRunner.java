package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Container;

import java.util.List;
import java.util.Map;

/**
 * What the stand-in runs for a container image: there is no container runtime here, so each image the suite knows is
 * mapped to a local command. The container's environment is passed as it is; only what a container would get from
 * its own network namespace (its port) has to be told to the process another way.
 */
public interface ImageRunner {

    /** True when this runner knows how to run {@code image}. */
    boolean runs(String image);

    /** The image's own {@code ENV}: the container's environment starts from it. */
    Map<String, String> imageEnvironment();

    /**
     * The command line for {@code container}.
     *
     * @param environment the container's environment, resolved, with paths inside mounts mapped to their host
     *                    directories
     * @param ports       container port → the free local port it is published on
     */
    List<String> command(Container container, Map<String, String> environment, Map<Integer, Integer> ports);
}
