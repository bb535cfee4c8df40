package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server refuses a CRD whose CEL rules it estimates too costly (docs/crd-versioning.md): it multiplies a rule's
 * cost by the maxItems/maxProperties of every list and map around it, and sizes every list, map and string the rule
 * reads by its maxItems, maxProperties or maxLength, or else by a whole request (3 MiB). This is not that estimator;
 * it recomputes the multiplier from the generated CRD and fails on what made 0.1.0's CRD uninstallable: a rule under an
 * unbounded list or map, or a rule reading an unbounded list, map or string.
 */
class CelCostBoundsTest {

    /** A tripwire well above today's largest (16 webhooks × 64 event names), far below what the budget allows. */
    private static final long MAX_MULTIPLIER = 4096;
    private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SELF_FIELD = Pattern.compile("\\bself\\.([A-Za-z_][A-Za-z0-9_]*+)(?!\\s*\\()");
    /** has() reads no value, only whether the field is set. */
    private static final Pattern HAS = Pattern.compile("has\\([^)]*\\)");
    /**
     * Kubernetes' EnvVar (fabric8's model, no bound to add): its name is read only by {@code in} a literal list and
     * {@code startsWith} a literal, which the estimator prices by the literal, not the name (8,066 per call).
     */
    private static final Set<String> PRICED_BY_THE_LITERAL = Set.of(".spec.podTemplate.env: self[].name");

    private final JsonNode schema = CrdFiles.generatedCrd().path("spec").path("versions").get(0)
            .path("schema").path("openAPIV3Schema");

    @Test
    void everyRuleIsUnderBoundedListsAndReadsOnlyBoundedValues() {
        List<Rule> rules = new ArrayList<>();
        collect(schema, "", 1, rules);

        assertThat(rules).as("CEL rules in the CRD").hasSizeGreaterThan(20);
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.multiplier()).as("%s: a list or map around it has no maxItems/maxProperties", rule.path())
                    .isPositive();
            assertThat(rule.multiplier()).as("%s: worst-case multiplier", rule.path()).isLessThanOrEqualTo(MAX_MULTIPLIER);
            assertThat(unboundedReads(rule)).as("%s reads these without maxItems, maxProperties or maxLength", rule.path())
                    .isEmpty();
        });
    }

    /** Walks the schema; multiplier is the product of the bounds of the lists and maps around a node, -1 if one is unbounded. */
    private static void collect(JsonNode node, String path, long multiplier, List<Rule> rules) {
        for (JsonNode rule : node.path("x-kubernetes-validations")) {
            rules.add(new Rule(path.isEmpty() ? "<root>" : path, rule.path("rule").asText(), node, multiplier));
        }
        long inner = multiplier < 0 || elementCount(node) < 0 ? -1 : multiplier * elementCount(node);
        node.path("properties").properties().forEach(p -> collect(p.getValue(), path + "." + p.getKey(), multiplier, rules));
        if (node.has("items")) {
            collect(node.path("items"), path + "[]", inner, rules);
        }
        if (node.path("additionalProperties").isObject()) {
            collect(node.path("additionalProperties"), path + "{}", inner, rules);
        }
    }

    /** How many elements a list or map holds at most (-1: unbounded); 1 for anything else. */
    private static long elementCount(JsonNode node) {
        if ("array".equals(node.path("type").asText())) {
            return node.has("maxItems") ? node.path("maxItems").asLong() : -1;
        }
        if (node.path("additionalProperties").isObject()) {
            return node.has("maxProperties") ? node.path("maxProperties").asLong() : -1;
        }
        return 1;
    }

    /**
     * The values the rule reads: itself, the items of the lists it iterates (a map's keys cannot be bounded in a
     * schema), and the fields it names, at any depth below it.
     */
    private static List<String> unboundedReads(Rule rule) {
        String text = HAS.matcher(rule.text()).replaceAll("");
        Set<String> named = FIELD.matcher(text).results().map(r -> r.group(1)).collect(Collectors.toSet());
        List<String> unbounded = new ArrayList<>();
        SELF_FIELD.matcher(text).results().map(r -> r.group(1))
                .filter(field -> !rule.node().path("properties").has(field))
                .forEach(field -> unbounded.add("self." + field + " (not in the schema: sized as a whole request)"));
        reads(rule.node(), "self", named, unbounded);
        unbounded.removeIf(read -> PRICED_BY_THE_LITERAL.contains(rule.path() + ": " + read));
        return unbounded;
    }

    private static void reads(JsonNode node, String path, Set<String> named, List<String> unbounded) {
        String type = node.path("type").asText();
        boolean bounded = switch (type) {
            case "array" -> node.has("maxItems");
            case "string" -> node.has("maxLength") || node.has("enum") || node.has("format");
            case "object" -> !node.path("additionalProperties").isObject() || node.has("maxProperties");
            default -> true;
        };
        if (!bounded) {
            unbounded.add(path);
        }
        if (node.has("items")) {
            reads(node.path("items"), path + "[]", named, unbounded);
        }
        node.path("properties").properties().stream()
                .filter(p -> named.contains(p.getKey()))
                .forEach(p -> reads(p.getValue(), path + "." + p.getKey(), named, unbounded));
    }

    private record Rule(String path, String text, JsonNode node, long multiplier) {
        @Override
        public String toString() {
            return path + ": " + text;
        }
    }
}
