package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated CRD is what ARCHITECTURE.md promises to kubectl users. */
class CrdContractTest {

    private final JsonNode crd = CrdFiles.generatedCrd();
    private final JsonNode version = crd.path("spec").path("versions").get(0);
    private final JsonNode schema = version.path("schema").path("openAPIV3Schema");

    @Test
    void namesScopeAndCategoryLetKubectlFindTheResource() {
        JsonNode names = crd.path("spec").path("names");
        assertThat(crd.path("metadata").path("name").asText()).isEqualTo("whatsappsessions.kubezap.io");
        assertThat(crd.path("spec").path("group").asText()).isEqualTo("kubezap.io");
        assertThat(crd.path("spec").path("scope").asText()).isEqualTo("Namespaced");
        assertThat(names.path("kind").asText()).isEqualTo("WhatsAppSession");
        assertThat(names.path("plural").asText()).isEqualTo("whatsappsessions");
        assertThat(texts(names.path("shortNames"))).containsExactlyInAnyOrder("was", "wasession");
        assertThat(texts(names.path("categories"))).containsExactly("whatsapp");
    }

    @Test
    void oneServedStorageVersionWithStatusSubresource() {
        assertThat(crd.path("spec").path("versions")).hasSize(1);
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        assertThat(version.path("served").asBoolean()).isTrue();
        assertThat(version.path("storage").asBoolean()).isTrue();
        assertThat(version.path("subresources").has("status")).isTrue();
    }

    @Test
    void printerColumnsShowPhasePhoneReadyAndAge() {
        Map<String, String> columns = new LinkedHashMap<>();
        version.path("additionalPrinterColumns").forEach(c -> columns.put(c.path("name").asText(), c.path("jsonPath").asText()));
        assertThat(columns).containsOnly(
                Map.entry("Phase", ".status.phase"),
                Map.entry("Phone", ".status.account.phoneNumber"),
                Map.entry("Ready", ".status.conditions[?(@.type==\"Ready\")].status"),
                Map.entry("Age", ".metadata.creationTimestamp"));
    }

    @Test
    void conditionsCarryTheFieldsKubectlWaitReads() {
        JsonNode condition = schema.at("/properties/status/properties/conditions/items/properties");
        assertThat(texts(condition.fieldNames())).contains("type", "status", "reason", "message",
                "lastTransitionTime", "observedGeneration");
    }

    /** Server-side apply (and kubectl) merge conditions by type, as with Kubernetes' own conditions lists. */
    @Test
    void theChartsCrdKeysConditionsByType() {
        JsonNode conditions = CrdFiles.readYaml(CrdFiles.committed()).path("spec").path("versions").get(0)
                .at("/schema/openAPIV3Schema/properties/status/properties/conditions");
        assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(texts(conditions.path("x-kubernetes-list-map-keys"))).containsExactly("type");
        assertThat(texts(conditions.path("items").path("required"))).as("a map key must be required").contains("type");
    }

    @Test
    void enumsAndDefaultsAreInTheSchema() {
        JsonNode spec = schema.at("/properties/spec/properties");
        assertThat(texts(spec.at("/pairing/properties/method/enum"))).containsExactlyInAnyOrder("QR", "PairingCode");
        assertThat(spec.at("/pairing/properties/method/default").asText()).isEqualTo("QR");
        assertThat(spec.at("/suspend/default").asBoolean()).isFalse();
        assertThat(spec.at("/logoutOnDelete/default").asBoolean()).isTrue();
        assertThat(spec.at("/dataOnDelete/default").asText()).isEqualTo("Retain");
        assertThat(texts(spec.at("/dataOnDelete/enum"))).containsExactlyInAnyOrder("Retain", "Delete");
        assertThat(spec.at("/storage/properties/size/default").asText()).isEqualTo("1Gi");
        assertThat(spec.at("/storage/properties/deleteClaim/default").asBoolean()).isFalse();
        assertThat(spec.at("/sendRateLimit/properties/perMinute/default").asInt()).isEqualTo(30);
        assertThat(texts(schema.at("/properties/status/properties/phase/enum"))).containsExactlyInAnyOrder(
                "Pending", "Starting", "WaitingForQR", "WaitingForPairingCode", "WaitingForPasskey", "Connected", "Reconnecting",
                "LoggedOut", "Suspended", "Failed");
    }

    @Test
    void phoneNumberRequiredForPairingCodeIsACelRule() {
        JsonNode rules = schema.at("/properties/spec/properties/pairing/x-kubernetes-validations");
        assertThat(texts(rules.findValues("rule"))).containsExactly(Pairing.PHONE_REQUIRED_FOR_PAIRING_CODE);
    }

    /** `kubectl explain was.spec.pairing` is only useful when every field says what it is for. */
    @Test
    void everyOwnFieldIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema.at("/properties/spec"), "spec", undocumented);
        collectUndocumented(schema.at("/properties/status"), "status", undocumented);
        assertThat(undocumented).as("fields without a description").isEmpty();
    }

    /** The webhook filter's rule and `kubectl explain` name exactly the catalogue's events (written in by the build). */
    @Test
    void celListOfEventTypesMatchesTheCatalogue() {
        JsonNode events = schema.at("/properties/spec/properties/webhooks/items/properties/events");
        List<String> inRule = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([a-z_.]+)'")
                .matcher(events.path("x-kubernetes-validations").get(0).path("rule").asText());
        while (m.find()) {
            inRule.add(m.group(1));
        }
        assertThat(inRule).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        assertThat(events.path("description").asText())
                .endsWith("any of: " + String.join(", ", EventTypes.ALL) + ".");
    }

    /** Nested types that come from Kubernetes itself (resources, conditions, the pod's own fields) are documented upstream. */
    private static final java.util.Set<String> KUBERNETES_TYPES = java.util.Set.of("spec.resources", "status.conditions",
            "spec.podTemplate.imagePullSecrets", "spec.podTemplate.tolerations", "spec.podTemplate.affinity",
            "spec.podTemplate.topologySpreadConstraints", "spec.podTemplate.env");

    private static void collectUndocumented(JsonNode node, String path, List<String> out) {
        node.path("properties").properties().forEach(p -> {
            String child = path + "." + p.getKey();
            if (!p.getValue().hasNonNull("description")) {
                out.add(child);
            }
            if (!KUBERNETES_TYPES.contains(child)) {
                collectUndocumented(p.getValue().has("items") ? p.getValue().path("items") : p.getValue(), child, out);
            }
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static List<String> texts(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
