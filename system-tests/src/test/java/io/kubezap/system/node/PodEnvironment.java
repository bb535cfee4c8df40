package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as a kubelet builds it: {@code envFrom}, then {@code env} in order with literal values,
 * {@code $(VAR)} references to earlier variables, {@code secretKeyRef}, {@code configMapKeyRef} and {@code fieldRef}
 * read from the API. One difference, since a process has no mount namespace: a literal value that is a path inside
 * one of the container's mounts names the mount's host directory instead.
 */
final class PodEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private PodEnvironment() {
    }

    static Map<String, String> of(KubernetesClient client, Pod pod, Container container, Map<String, Path> mounts) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getSecretRef() != null) {
                secretValues(client, namespace, from.getSecretRef().getName(),
                        Boolean.TRUE.equals(from.getSecretRef().getOptional()))
                        .forEach((key, value) -> env.put(prefix + key, value));
            } else if (from.getConfigMapRef() != null) {
                configMapValues(client, namespace, from.getConfigMapRef().getName(),
                        Boolean.TRUE.equals(from.getConfigMapRef().getOptional()))
                        .forEach((key, value) -> env.put(prefix + key, value));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            String value = value(client, pod, variable, env);
            if (value != null) {
                env.put(variable.getName(), variable.getValueFrom() == null ? PodVolumes.mapPath(value, mounts) : value);
            }
        }
        return env;
    }

    private static String value(KubernetesClient client, Pod pod, EnvVar variable, Map<String, String> earlier) {
        var from = variable.getValueFrom();
        if (from == null) {
            return expand(variable.getValue() == null ? "" : variable.getValue(), earlier);
        }
        String namespace = pod.getMetadata().getNamespace();
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            return key(secretValues(client, namespace, ref.getName(), Boolean.TRUE.equals(ref.getOptional())),
                    ref.getKey(), "secret " + ref.getName(), Boolean.TRUE.equals(ref.getOptional()));
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            return key(configMapValues(client, namespace, ref.getName(), Boolean.TRUE.equals(ref.getOptional())),
                    ref.getKey(), "configmap " + ref.getName(), Boolean.TRUE.equals(ref.getOptional()));
        }
        if (from.getFieldRef() != null) {
            return PodFields.value(pod, from.getFieldRef().getFieldPath());
        }
        throw new PodStartException("CreateContainerConfigError",
                "the node stand-in cannot resolve " + variable.getName() + " from " + from);
    }

    private static String key(Map<String, String> values, String key, String what, boolean optional) {
        String value = values.get(key);
        if (value == null && !optional) {
            throw new PodStartException("CreateContainerConfigError", "couldn't find key " + key + " in " + what);
        }
        return value;
    }

    private static String expand(String value, Map<String, String> earlier) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement = earlier.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(expanded).toString();
    }

    private static Map<String, String> secretValues(KubernetesClient client, String namespace, String name, boolean optional) {
        return strings(KeyedValues.secret(client, namespace, name, optional));
    }

    private static Map<String, String> configMapValues(KubernetesClient client, String namespace, String name,
                                                       boolean optional) {
        return strings(KeyedValues.configMap(client, namespace, name, optional));
    }

    private static Map<String, String> strings(Map<String, byte[]> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((key, value) -> strings.put(key, new String(value, StandardCharsets.UTF_8)));
        return strings;
    }
}
