package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A JVM image of this repository, run from its packaged jar with the java running the suite instead of the image's
 * JRE. The image's own {@code ENV} and entrypoint options are given by the caller (they mirror its Dockerfile); the
 * container's memory limit reaches the JVM as {@code -XX:MaxRAM}, which is what it would read from its cgroup. The
 * container's {@code args} follow, as the entrypoint passes them on ({@code "$@"}); a container that replaces the
 * entrypoint ({@code command}) is not this image's to run.
 */
public record JavaImage(String imagePrefix, Path jar, Map<String, String> imageEnvironment,
                        Function<Map<String, String>, List<String>> entrypointOptions,
                        BiFunction<Integer, Integer, List<String>> publishPort) implements ImageRunner {

    @Override
    public boolean runs(String image) {
        return image.startsWith(imagePrefix);
    }

    @Override
    public Map<String, String> imageEnvironment() {
        return imageEnvironment;
    }

    @Override
    public List<String> command(Container container, Map<String, String> environment, Map<Integer, Integer> ports) {
        if (!container.getCommand().isEmpty()) {
            throw new PodStartException("RunContainerError", "the node stand-in runs " + imagePrefix
                    + " images with their own entrypoint, not " + container.getCommand());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Quantity memory = container.getResources() == null || container.getResources().getLimits() == null ? null
                : container.getResources().getLimits().get("memory");
        if (memory != null) {
            command.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(memory).longValue());
        }
        command.addAll(entrypointOptions.apply(environment));
        ports.forEach((containerPort, localPort) -> command.addAll(publishPort.apply(containerPort, localPort)));
        if (ports.isEmpty()) {
            // a container that serves nothing (a Job's) still opens Quarkus' ports, in a pod's own network; here all
            // pods share the machine's, where a fixed 8080/9000 may be taken
            command.addAll(List.of("-Dquarkus.http.port=0", "-Dquarkus.management.port=0"));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(container.getArgs());
        return command;
    }
}
