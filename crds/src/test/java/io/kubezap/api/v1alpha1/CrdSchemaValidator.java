package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a manifest the way the API server would against one CRD version: the OpenAPI v3 schema
 * (patterns, enums, bounds, required) with a JSON-schema validator, and every
 * {@code x-kubernetes-validations} CEL rule evaluated with the CEL reference implementation.
 */
final class CrdSchemaValidator {

    record Violation(String path, String rule, String message) {
    }

    private static final CelCompiler CEL_COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime CEL_RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final JsonNode openApiSchema;
    private final JsonSchema jsonSchema;

    private CrdSchemaValidator(JsonNode openApiSchema) {
        this.openApiSchema = openApiSchema;
        this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApiSchema);
    }

    static CrdSchemaValidator of(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                return new CrdSchemaValidator(v.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException("CRD has no version " + version);
    }

    List<Violation> validate(JsonNode manifest) {
        List<Violation> violations = new ArrayList<>();
        jsonSchema.validate(manifest).forEach(m ->
                violations.add(new Violation(m.getInstanceLocation().toString(), m.getType(), m.getMessage())));
        evaluateCelRules(openApiSchema, manifest, "$", violations);
        return violations;
    }

    /** Rules apply where their schema node has a value, as in the API server. */
    private void evaluateCelRules(JsonNode schema, JsonNode value, String path, List<Violation> out) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            if (!celHolds(expression, value)) {
                out.add(new Violation(path, "cel", rule.path("message").asText(expression)));
            }
        }
        schema.path("properties").properties().forEach(p ->
                evaluateCelRules(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), out));
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                evaluateCelRules(schema.path("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    static boolean celHolds(String expression, JsonNode self) {
        try {
            CelAbstractSyntaxTree ast = CEL_COMPILER.compile(expression).getAst();
            Object result = CEL_RUNTIME.createProgram(ast).eval(Map.of("self", toCelValue(self)));
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
