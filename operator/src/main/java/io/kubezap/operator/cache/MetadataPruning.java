package io.kubezap.operator.cache;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the operator keeps of an object's metadata when it reads one: everything but the parts only the API server and
 * deployment tools read. A real API server sends every object with {@code managedFields} (one entry per writer, often
 * larger than the object), and kubectl and Argo CD keep annotations on what they apply (kubectl a copy of the whole
 * manifest); held by the informers for 10,000 sessions, those are a large share of the operator's memory.
 * <p>
 * Kept: the one managedFields entry JOSDK's server-side-apply matcher compares the desired state against (the
 * operator's own {@code Apply} entry: without it every reconcile would write every dependent again), every other
 * annotation (the operator's, JOSDK's, the user's), labels, owner references, finalizers and all the rest.
 */
public final class MetadataPruning {

    /**
     * The operator's server-side-apply field manager: the controller's name, which JOSDK uses unless told otherwise
     * (the reconciler's {@code @ControllerConfiguration} names it from here).
     */
    public static final String FIELD_MANAGER = "whatsappsession";
    static final String APPLY = "Apply";
    /** Annotations a deployment tool writes for itself, never read by the operator. */
    static final List<String> TOOL_ANNOTATION_PREFIXES = List.of(
            "kubectl.kubernetes.io/last-applied-configuration",
            "argocd.argoproj.io/");

    private MetadataPruning() {
    }

    /**
     * Prunes {@code metadata} in place and returns it, if it is a stored object's own (it has a resource version):
     * the metadata of a template inside an object (a StatefulSet's pod template) is part of what the operator wrote
     * and compares, and is left as it is.
     */
    public static ObjectMeta prune(ObjectMeta metadata) {
        if (metadata != null && metadata.getResourceVersion() != null) {
            metadata.setManagedFields(ownApplyEntry(metadata.getManagedFields()));
            removeToolAnnotations(metadata.getAnnotations());
        }
        return metadata;
    }

    /** The operator's own Apply entries alone, in a list of their size (the server's list keeps its capacity). */
    private static List<ManagedFieldsEntry> ownApplyEntry(List<ManagedFieldsEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return entries;
        }
        return entries.stream()
                .filter(entry -> FIELD_MANAGER.equals(entry.getManager()) && APPLY.equals(entry.getOperation()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static void removeToolAnnotations(Map<String, String> annotations) {
        if (annotations != null && !annotations.isEmpty()) {
            annotations.keySet().removeIf(MetadataPruning::isToolAnnotation);
        }
    }

    static boolean isToolAnnotation(String key) {
        return TOOL_ANNOTATION_PREFIXES.stream().anyMatch(key::startsWith);
    }
}
