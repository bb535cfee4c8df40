package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The downward API's {@code fieldRef} paths, read from the Pod object as the API server holds it. */
final class PodFields {

    /** The stand-in's nodes are named after it: {@code node-stand-in-1}, {@code -2}, … ({@link Nodes}). */
    static final String NODE_NAME = "node-stand-in";
    static final String LOOPBACK = "127.0.0.1";
    private static final Pattern KEYED = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private PodFields() {
    }

    static String value(Pod pod, String fieldPath) {
        Matcher keyed = KEYED.matcher(fieldPath);
        if (keyed.matches()) {
            Map<String, String> map = keyed.group(1).equals("labels") ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            return map == null ? "" : map.getOrDefault(keyed.group(2), "");
        }
        return switch (fieldPath) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.hostIP" -> LOOPBACK;
            default -> throw new PodStartException("CreateContainerConfigError",
                    "the node stand-in cannot resolve fieldRef " + fieldPath);
        };
    }
}
