package io.kubezap.gateway.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.api.v1alpha1.validation.CrdSchemaValidator;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.contract.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns request bodies into WhatsAppSession manifests and validates them with the CRD's own schema and CEL rules,
 * so a bad session is refused with the field and the rule before it reaches the API server.
 */
@ApplicationScoped
public class SessionManifests {

    /** Fields of a create body that are not spec fields. */
    static final Set<String> IDENTITY_FIELDS = Set.of("name", "namespace", "labels");

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String SPEC_PREFIX = "$.spec.";

    private final CrdSchemaValidator validator = CrdSchemaValidator.forWhatsAppSession();

    /** A create body: {@code name}, {@code namespace} (else {@code defaultNamespace}), {@code labels}, spec fields. */
    public WhatsAppSession forCreate(JsonNode body, String defaultNamespace) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object with the session's name and spec fields");
        }
        ObjectNode spec = ((ObjectNode) body).deepCopy();
        spec.remove(IDENTITY_FIELDS);
        ObjectNode manifest = manifest(text(body, "name"), body.hasNonNull("namespace")
                ? text(body, "namespace") : defaultNamespace, body.get("labels"), spec);
        if (!body.hasNonNull("name")) {
            throw GatewayException.invalid("name", "is required");
        }
        return validated(manifest, null);
    }

    /** A JSON merge patch (RFC 7396) of spec fields applied to {@code current}, validated as an update. */
    public WhatsAppSession forPatch(WhatsAppSession current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON merge patch object of spec fields");
        }
        List<FieldError> notSpec = new ArrayList<>();
        patch.fieldNames().forEachRemaining(field -> {
            if (IDENTITY_FIELDS.contains(field) || "status".equals(field) || "spec".equals(field)) {
                notSpec.add(new FieldError(field, "cannot be patched: only spec fields (displayName, suspend, "
                        + "pairing, webhooks, ...) can, at the top level of the patch"));
            }
        });
        if (!notSpec.isEmpty()) {
            throw GatewayException.invalid(notSpec);
        }
        ObjectNode old = STRICT.valueToTree(current);
        ObjectNode updated = old.deepCopy();
        JsonNode spec = mergePatch(updated.path("spec").deepCopy(), patch);
        updated.set("spec", spec);
        return validated(updated, old);
    }

    private WhatsAppSession validated(ObjectNode manifest, JsonNode old) {
        List<FieldError> errors = new ArrayList<>(unknownSpecFields(manifest.path("spec")));
        if (errors.isEmpty()) {
            validator.validate(manifest, old).forEach(v -> errors.add(new FieldError(field(v.path()), v.message())));
        }
        if (!errors.isEmpty()) {
            throw GatewayException.invalid(errors);
        }
        try {
            return STRICT.treeToValue(manifest, WhatsAppSession.class);
        } catch (Exception e) {
            throw GatewayException.invalid("spec", e.getMessage());
        }
    }

    /** The API server would silently drop them; a client that misspelled a field should hear about it. */
    private static List<FieldError> unknownSpecFields(JsonNode spec) {
        try {
            STRICT.treeToValue(spec, WhatsAppSessionSpec.class);
            return List.of();
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            return List.of(new FieldError(e.getPropertyName(), "is not a field of a session"));
        } catch (Exception e) {
            return List.of(new FieldError("spec", e.getMessage()));
        }
    }

    private static ObjectNode manifest(String name, String namespace, JsonNode labels, ObjectNode spec) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("apiVersion", WhatsAppSession.GROUP + "/" + WhatsAppSession.VERSION);
        manifest.put("kind", "WhatsAppSession");
        ObjectNode metadata = manifest.putObject("metadata");
        metadata.put("name", name == null ? "" : name);
        metadata.put("namespace", namespace);
        if (labels != null && !labels.isNull()) {
            metadata.set("labels", labels);
        }
        manifest.set("spec", spec);
        return manifest;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw GatewayException.invalid(field, "must be a string");
        }
        return value == null || value.isNull() ? null : value.asText();
    }

    /** RFC 7396: null removes a field, objects merge, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }

    /** {@code $.spec.pairing.phoneNumber} → {@code pairing.phoneNumber}; the resource's own rules → {@code name}. */
    private static String field(String path) {
        if (path.startsWith(SPEC_PREFIX)) {
            return path.substring(SPEC_PREFIX.length());
        }
        if ("$".equals(path) || path.startsWith("$.metadata")) {
            return path.startsWith("$.metadata.labels") ? "labels" : "name";
        }
        return path.startsWith("$.") ? path.substring(2) : path;
    }
}
