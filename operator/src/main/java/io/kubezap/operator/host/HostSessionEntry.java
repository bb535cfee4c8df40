package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubezap.contract.host.HostSessionFile;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's entry in its host's Secret, read off the pod template the operator renders for a session pod of its
 * own (one builder for both placements, so a setting added there reaches hosts too): each variable becomes a setting,
 * a Secret's key resolved to its value; each projected volume becomes files below a directory named as the volume's
 * mount, its annotation files from the template's annotations, its Secret files resolved; a setting that names a file
 * of such a mount names it by that relative path. Pure: Secrets come from {@link SecretValues}.
 */
public final class HostSessionEntry {

    /** A Secret's key as the informer cache holds it; empty while it does not exist. */
    @FunctionalInterface
    public interface SecretValues {
        Optional<String> value(String secret, String key);
    }

    /** The session pod's template refers to something a host cannot be given: named, the reconcile shows it. */
    public static final class Unresolvable extends IllegalStateException {
        Unresolvable(String session, String what) {
            super("session " + session + " cannot be placed on a host yet: " + what);
        }
    }

    private static final Pattern ANNOTATION = Pattern.compile("metadata\\.annotations\\['([^']+)'\\]");

    private HostSessionEntry() {
    }

    public static HostSessionFile.Entry of(String session, PodTemplateSpec template, SecretValues secrets) {
        Container container = template.getSpec().getContainers().getFirst();
        Map<String, String> mounts = projectedMounts(template, container);
        Map<String, String> settings = new TreeMap<>();
        for (EnvVar variable : container.getEnv()) {
            settings.put(variable.getName(), relative(java.util.Objects.requireNonNullElse(value(session, variable, secrets), ""), mounts));
        }
        Map<String, String> files = new TreeMap<>();
        for (Volume volume : template.getSpec().getVolumes()) {
            String directory = mounts.get(volume.getName());
            if (directory != null) {
                for (VolumeProjection source : volume.getProjected().getSources()) {
                    files.putAll(filesOf(session, source, directory, template.getMetadata().getAnnotations(), secrets));
                }
            }
        }
        return new HostSessionFile.Entry(session, settings, files);
    }

    /** Projected volume name → its mount path, whose last segment names the directory its files go to. */
    private static Map<String, String> projectedMounts(PodTemplateSpec template, Container container) {
        Map<String, String> mountPaths = new TreeMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            template.getSpec().getVolumes().stream()
                    .filter(volume -> volume.getName().equals(mount.getName()) && volume.getProjected() != null)
                    .findFirst()
                    .ifPresent(volume -> mountPaths.put(volume.getName(), mount.getMountPath()));
        }
        return mountPaths;
    }

    private static String value(String session, EnvVar variable, SecretValues secrets) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
        if (ref == null) {
            throw new Unresolvable(session, variable.getName() + " is neither a value nor a Secret's key");
        }
        return secret(session, ref.getName(), ref.getKey(), secrets);
    }

    private static String secret(String session, String name, String key, SecretValues secrets) {
        return secrets.value(name, key)
                .orElseThrow(() -> new Unresolvable(session, "Secret " + name + " has no key " + key));
    }

    private static Map<String, String> filesOf(String session, VolumeProjection source, String mountPath,
                                               Map<String, String> annotations, SecretValues secrets) {
        String directory = directoryOf(mountPath);
        Map<String, String> files = new TreeMap<>();
        if (source.getDownwardAPI() != null) {
            for (DownwardAPIVolumeFile item : source.getDownwardAPI().getItems()) {
                Matcher annotation = ANNOTATION.matcher(item.getFieldRef().getFieldPath());
                if (!annotation.matches()) {
                    throw new Unresolvable(session, "file " + item.getPath() + " is not an annotation");
                }
                files.put(directory + "/" + item.getPath(), annotations.get(annotation.group(1)));
            }
        }
        if (source.getSecret() != null) {
            for (KeyToPath item : source.getSecret().getItems()) {
                files.put(directory + "/" + item.getPath(), secret(session, source.getSecret().getName(), item.getKey(), secrets));
            }
        }
        return files;
    }

    /** A value naming a file below a projected mount, by its path relative to the session's own directory. */
    private static String relative(String value, Map<String, String> mounts) {
        for (String mountPath : mounts.values()) {
            if (value.startsWith(mountPath + "/")) {
                return directoryOf(mountPath) + value.substring(mountPath.length());
            }
        }
        return value;
    }

    private static String directoryOf(String mountPath) {
        return mountPath.substring(mountPath.lastIndexOf('/') + 1);
    }
}
