package io.kubezap.api.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.Quantity;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a manifest the way the API server would against one CRD version: the OpenAPI v3 schema
 * (patterns, enums, bounds, required) with a JSON-schema validator, and every
 * {@code x-kubernetes-validations} CEL rule evaluated with the CEL reference implementation. Transition rules (those
 * naming {@code oldSelf}) only run on an update and only where the old object had a value, as in the API server; of
 * Kubernetes' CEL libraries, {@code quantity(string)} and {@code Quantity.compareTo} are provided.
 */
public final class CrdSchemaValidator {

    public record Violation(String path, String rule, String message) {
    }

    private static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    private static final CelCompiler CEL_COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("quantity",
                            CelOverloadDecl.newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("compareTo",
                            CelOverloadDecl.newMemberOverload("quantity_compareTo", SimpleType.INT, QUANTITY, QUANTITY)))
            .build();
    private static final CelRuntime CEL_RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addFunctionBindings(
                    CelFunctionBinding.from("quantity_string", String.class, Quantity::new),
                    CelFunctionBinding.from("quantity_compareTo", Quantity.class, Quantity.class,
                            (a, b) -> (long) a.getNumericalAmount().compareTo(b.getNumericalAmount())))
            .build();

    public static final String CRD_RESOURCE = "/META-INF/fabric8/whatsappsessions.kubezap.io-v1.yml";

    private final JsonNode openApiSchema;
    private final JsonSchema jsonSchema;

    private CrdSchemaValidator(JsonNode openApiSchema) {
        this.openApiSchema = openApiSchema;
        this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApiSchema);
    }

    public static CrdSchemaValidator of(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                return new CrdSchemaValidator(v.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException("CRD has no version " + version);
    }

    /** The WhatsAppSession CRD this module generates, read from the class path. */
    public static CrdSchemaValidator forWhatsAppSession() {
        try (var in = CrdSchemaValidator.class.getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CRD_RESOURCE + " is not on the class path");
            }
            JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(in);
            return of(crd, WhatsAppSession.VERSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A create. */
    public List<Violation> validate(JsonNode manifest) {
        return validate(manifest, null);
    }

    /** An update of {@code old} to {@code manifest} ({@code old} null: a create). */
    public List<Violation> validate(JsonNode manifest, JsonNode old) {
        List<Violation> violations = new ArrayList<>();
        jsonSchema.validate(manifest).forEach(m ->
                violations.add(new Violation(m.getInstanceLocation().toString(), m.getType(), m.getMessage())));
        evaluateCelRules(openApiSchema, manifest, old, "$", violations);
        return violations;
    }

    /** Rules apply where their schema node has a value, transition rules where the old object had one too. */
    private void evaluateCelRules(JsonNode schema, JsonNode value, JsonNode old, String path, List<Violation> out) {
        if (absent(value)) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            boolean transition = expression.contains("oldSelf");
            if (transition && absent(old)) {
                continue;
            }
            if (!celHolds(expression, value, transition ? old : null)) {
                out.add(new Violation(path, "cel", rule.path("message").asText(expression)));
            }
        }
        schema.path("properties").properties().forEach(p -> evaluateCelRules(p.getValue(), value.get(p.getKey()),
                absent(old) ? null : old.get(p.getKey()), path + "." + p.getKey(), out));
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                // list items are correlated with old ones only for map lists; none of ours has transition rules
                evaluateCelRules(schema.path("items"), value.get(i), null, path + "[" + i + "]", out);
            }
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    public static boolean celHolds(String expression, JsonNode self) {
        return celHolds(expression, self, null);
    }

    static boolean celHolds(String expression, JsonNode self, JsonNode oldSelf) {
        try {
            CelAbstractSyntaxTree ast = CEL_COMPILER.compile(expression).getAst();
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("self", toCelValue(self));
            if (oldSelf != null) {
                variables.put("oldSelf", toCelValue(oldSelf));
            }
            Object result = CEL_RUNTIME.createProgram(ast).eval(variables);
            return Boolean.TRUE.equals(result);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("CEL rule does not evaluate: " + expression, e);
        }
    }

    private static Object toCelValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(p -> map.put(p.getKey(), toCelValue(p.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCelValue(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
