package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's volumes as host directories: claims under the node's data root (they outlive the pod), emptyDirs under the
 * pod's own directory, Secret, ConfigMap, downward-API and projected volumes written as files at each container start
 * (a kubelet also refreshes them while the container runs; this stand-in does not). Anything else fails the start
 * with a reason, so a pod template this stand-in cannot honour shows as such instead of running half-configured.
 */
final class PodVolumes {

    private final KubernetesClient client;
    private final Pod pod;
    private final Path podDir;
    private final Path claimsRoot;

    PodVolumes(KubernetesClient client, Pod pod, Path podDir, Path claimsRoot) {
        this.client = client;
        this.pod = pod;
        this.podDir = podDir;
        this.claimsRoot = claimsRoot;
    }

    /** Mount path → host path for every mount of {@code container}, after writing the volumes' files. */
    Map<String, Path> mount(Container container) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElse(null);
            Path dir = volume == null ? claimDir(mount.getName()) : materialize(volume);
            mounts.put(mount.getMountPath(), mount.getSubPath() == null || mount.getSubPath().isEmpty()
                    ? dir : dir.resolve(mount.getSubPath()));
        }
        return mounts;
    }

    /** {@code value} with a leading mount path replaced by the host directory of that mount. */
    static String mapPath(String value, Map<String, Path> mounts) {
        if (value == null) {
            return null;
        }
        return mounts.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length()).reversed())
                .filter(e -> value.equals(e.getKey()) || value.startsWith(e.getKey().endsWith("/") ? e.getKey() : e.getKey() + "/"))
                .findFirst()
                .map(e -> e.getValue() + value.substring(e.getKey().length()))
                .orElse(value);
    }

    /** A volume claim template's claim, {@code <template>-<pod>}, as the StatefulSet controller names it. */
    private Path claimDir(String template) {
        return directory(claimsRoot.resolve(pod.getMetadata().getNamespace()).resolve(template + "-" + pod.getMetadata().getName()));
    }

    private Path materialize(Volume volume) {
        Path dir = podDir.resolve("volumes").resolve(volume.getName());
        if (volume.getEmptyDir() != null) {
            return directory(dir);
        }
        if (volume.getPersistentVolumeClaim() != null) {
            return directory(claimsRoot.resolve(pod.getMetadata().getNamespace())
                    .resolve(volume.getPersistentVolumeClaim().getClaimName()));
        }
        fresh(dir);
        if (volume.getSecret() != null) {
            writeSecret(dir, volume.getSecret().getSecretName(), volume.getSecret().getItems(),
                    Boolean.TRUE.equals(volume.getSecret().getOptional()));
        } else if (volume.getConfigMap() != null) {
            writeConfigMap(dir, volume.getConfigMap().getName(), volume.getConfigMap().getItems(),
                    Boolean.TRUE.equals(volume.getConfigMap().getOptional()));
        } else if (volume.getDownwardAPI() != null) {
            writeDownward(dir, volume.getDownwardAPI().getItems());
        } else if (volume.getProjected() != null) {
            for (VolumeProjection source : volume.getProjected().getSources()) {
                if (source.getSecret() != null) {
                    writeSecret(dir, source.getSecret().getName(), source.getSecret().getItems(),
                            Boolean.TRUE.equals(source.getSecret().getOptional()));
                } else if (source.getConfigMap() != null) {
                    writeConfigMap(dir, source.getConfigMap().getName(), source.getConfigMap().getItems(),
                            Boolean.TRUE.equals(source.getConfigMap().getOptional()));
                } else if (source.getDownwardAPI() != null) {
                    writeDownward(dir, source.getDownwardAPI().getItems());
                } else {
                    throw new PodStartException("VolumeUnsupported", "the node stand-in cannot project " + source
                            + " in volume " + volume.getName());
                }
            }
        } else {
            throw new PodStartException("VolumeUnsupported", "the node stand-in cannot provide volume " + volume.getName());
        }
        return dir;
    }

    private void writeSecret(Path dir, String name, List<KeyToPath> items, boolean optional) {
        writeKeys(dir, "secret " + name, KeyedValues.secret(client, pod.getMetadata().getNamespace(), name, optional),
                items, optional);
    }

    private void writeConfigMap(Path dir, String name, List<KeyToPath> items, boolean optional) {
        writeKeys(dir, "configmap " + name, KeyedValues.configMap(client, pod.getMetadata().getNamespace(), name, optional),
                items, optional);
    }

    private static void writeKeys(Path dir, String what, Map<String, byte[]> values, List<KeyToPath> items,
                                  boolean optional) {
        if (items == null || items.isEmpty()) {
            values.forEach((key, value) -> write(dir.resolve(key), value));
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = values.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new PodStartException("CreateContainerConfigError", "couldn't find key " + item.getKey() + " in " + what);
            }
            write(dir.resolve(item.getPath()), value);
        }
    }

    private void writeDownward(Path dir, List<DownwardAPIVolumeFile> items) {
        for (DownwardAPIVolumeFile item : items) {
            if (item.getFieldRef() == null) {
                throw new PodStartException("VolumeUnsupported", "the node stand-in resolves only fieldRef in downward-API files, not "
                        + item);
            }
            String value = PodFields.value(pod, item.getFieldRef().getFieldPath());
            write(dir.resolve(item.getPath()), (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fresh(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
