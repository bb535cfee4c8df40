package io.kubezap.system.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * Gives the objects the operator watches the {@code metadata.managedFields} a real API server records (the mock
 * server records none): for the operator's own objects its server-side-apply entry over what it wrote (the entry its
 * apply matcher keeps reading) and, on a StatefulSet with a status, the controller manager's; for a WhatsAppSession,
 * the entries of kubectl's client-side apply and Argo CD's apply over its metadata and spec, and the operator's own
 * over its finalizers and status. The field sets are derived from the object's own fields, as structured-merge-diff
 * records them (a field per key, list items keyed by name), so they grow with the object as real ones do.
 */
public final class ServerShapedObjects {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OPERATOR = "whatsappsession";
    private static final Set<String> OPERATOR_OBJECTS = Set.of("secrets", "services", "statefulsets");
    private static final String TIME = "2026-11-25T10:00:00Z";

    private ServerShapedObjects() {
    }

    /** {@code json} as the API server would store it under {@code plural}; other plurals unchanged. */
    public static String shaped(String plural, String json) {
        if (!OPERATOR_OBJECTS.contains(plural) && !"whatsappsessions".equals(plural)) {
            return json;
        }
        try {
            ObjectNode object = (ObjectNode) JSON.readTree(json);
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            ArrayNode entries = metadata.putArray("managedFields");
            if ("whatsappsessions".equals(plural)) {
                addSessionEntries(object, metadata, entries);
            } else {
                addOperatorEntries(object, entries);
            }
            return JSON.writeValueAsString(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addOperatorEntries(ObjectNode object, ArrayNode entries) {
        ObjectNode applied = fields(object, Set.of("status"));
        entries.add(entry(object, OPERATOR, "Apply", null, applied));
        if (object.has("status")) {
            entries.add(entry(object, "kube-controller-manager", "Update", "status", fields(object, Set.of("metadata", "spec"))));
        }
    }

    private static void addSessionEntries(ObjectNode object, ObjectNode metadata, ArrayNode entries) {
        if (metadata.path("annotations").has("kubectl.kubernetes.io/last-applied-configuration")) {
            entries.add(entry(object, "kubectl-client-side-apply", "Update", null,
                    fieldsOf(Map.of("metadata", Map.of("annotations", Map.of("kubectl.kubernetes.io/last-applied-configuration", ""))))));
        }
        ObjectNode tool = NODES.objectNode();
        tool.set("f:metadata", fieldsOfKeys(metadata, Set.of("labels", "annotations")));
        if (object.has("spec")) {
            tool.set("f:spec", fieldSet(object.get("spec")));
        }
        entries.add(entry(object, "argocd-controller", "Apply", null, tool));
        if (metadata.has("finalizers")) {
            ObjectNode finalizers = NODES.objectNode();
            finalizers.set("f:metadata", NODES.objectNode().set("f:finalizers", fieldSet(metadata.get("finalizers"))));
            entries.add(entry(object, OPERATOR, "Apply", null, finalizers));
        }
        if (object.has("status")) {
            entries.add(entry(object, OPERATOR, "Apply", "status", fields(object, Set.of("metadata", "spec"))));
        }
    }

    private static ObjectNode entry(ObjectNode object, String manager, String operation, String subresource, ObjectNode fields) {
        ObjectNode entry = NODES.objectNode()
                .put("apiVersion", object.path("apiVersion").asText())
                .put("fieldsType", "FieldsV1")
                .put("manager", manager)
                .put("operation", operation)
                .put("time", TIME);
        if (subresource != null) {
            entry.put("subresource", subresource);
        }
        entry.set("fieldsV1", fields);
        return entry;
    }

    /** The field set of the object's top-level fields but {@code left} (and never its identity). */
    private static ObjectNode fields(ObjectNode object, Set<String> left) {
        ObjectNode set = NODES.objectNode();
        object.properties().forEach(field -> {
            String name = field.getKey();
            if (left.contains(name) || name.equals("apiVersion") || name.equals("kind")) {
                return;
            }
            set.set("f:" + name, name.equals("metadata")
                    ? fieldsOfKeys((ObjectNode) field.getValue(), Set.of("labels", "annotations", "ownerReferences"))
                    : fieldSet(field.getValue()));
        });
        return set;
    }

    private static ObjectNode fieldsOfKeys(ObjectNode metadata, Set<String> keys) {
        ObjectNode set = NODES.objectNode();
        keys.stream().filter(metadata::has).sorted().forEach(key -> set.set("f:" + key, fieldSet(metadata.get(key))));
        return set;
    }

    private static ObjectNode fieldsOf(Object value) {
        return (ObjectNode) fieldSet(JSON.valueToTree(value));
    }

    /**
     * As structured-merge-diff records a value: a field per key, a list item per its list-map key (an owner reference's
     * uid, otherwise its name) or value, a leaf as {}.
     */
    private static JsonNode fieldSet(JsonNode value) {
        ObjectNode set = NODES.objectNode();
        if (value.isObject()) {
            set.putObject(".");
            value.properties().forEach(field -> set.set("f:" + field.getKey(), fieldSet(field.getValue())));
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isObject() && item.has("uid")) {
                    // an owner reference: the API server's list-map key for ownerReferences is the uid
                    set.set("k:{\"uid\":" + item.get("uid") + "}", fieldSet(item));
                } else if (item.isObject() && item.has("name")) {
                    ObjectNode keyed = (ObjectNode) fieldSet(item);
                    set.set("k:{\"name\":" + item.get("name") + "}", keyed);
                } else if (!item.isContainerNode()) {
                    set.putObject("v:" + item);
                }
            }
        }
        return set;
    }
}
