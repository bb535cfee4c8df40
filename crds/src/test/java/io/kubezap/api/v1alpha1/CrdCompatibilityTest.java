package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRD the chart ships keeps every field of the previous release, with the same type, and every version the
 * previous release served: stored objects and existing manifests stay valid across an upgrade (docs/crd-versioning.md).
 * The previous release's CRD is the fixture {@code previous-release/whatsappsessions.kubezap.io-0.1.0.yml}; at each
 * release, replace it with the CRD that release shipped.
 */
class CrdCompatibilityTest {

    private static final JsonNode PREVIOUS = CrdFiles.readYaml(
            Path.of("src/test/resources/previous-release/whatsappsessions.kubezap.io-0.1.0.yml"));

    /**
     * Fields removed on purpose, each with why: only status fields, which no manifest carries and the API server prunes
     * from stored objects; each also in CHANGELOG.md and docs/crd-versioning.md.
     */
    private static final Map<String, String> REMOVED_ON_PURPOSE = Map.of(
            "status.qr", "the QR that links a phone left the status, which view reads, for the Secret <name>-pairing (issue 53 item 12)",
            "status.pairingCode", "the pairing code left the status, which view reads, for the Secret <name>-pairing (issue 53 item 12)");

    @Test
    void everyPreviouslyServedVersionIsStillServed() {
        JsonNode committed = CrdFiles.readYaml(CrdFiles.committed());
        for (JsonNode previous : PREVIOUS.path("spec").path("versions")) {
            JsonNode now = version(committed, previous.path("name").asText());
            assertThat(now).as("version %s", previous.path("name").asText()).isNotNull();
            assertThat(now.path("served").asBoolean()).as("version %s served", previous.path("name").asText()).isTrue();
        }
    }

    @Test
    void everyFieldOfThePreviousReleaseIsStillThereWithItsType() {
        JsonNode committed = CrdFiles.readYaml(CrdFiles.committed());
        for (JsonNode previous : PREVIOUS.path("spec").path("versions")) {
            String name = previous.path("name").asText();
            Map<String, String> before = fields(previous);
            Map<String, String> now = fields(version(committed, name));
            List<String> lost = new ArrayList<>();
            before.forEach((path, type) -> {
                if (!type.equals(now.get(path)) && !removedOnPurpose(path)) {
                    lost.add(path + " (" + type + " -> " + now.get(path) + ")");
                }
            });
            assertThat(lost).as("fields of %s removed or retyped since the previous release", name).isEmpty();
        }
    }

    @Test
    void aRemovedFieldIsNoticed() {
        JsonNode previous = PREVIOUS.path("spec").path("versions").get(0);
        Map<String, String> before = fields(previous);
        JsonNode trimmed = previous.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) trimmed.at("/schema/openAPIV3Schema/properties/spec/properties"))
                .remove("displayName");

        assertThat(fields(trimmed)).doesNotContainKey("spec.displayName");
        assertThat(before).containsKey("spec.displayName");
    }

    private static boolean removedOnPurpose(String path) {
        return REMOVED_ON_PURPOSE.keySet().stream().anyMatch(removed -> path.equals(removed) || path.startsWith(removed + "."));
    }

    private static JsonNode version(JsonNode crd, String name) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return null;
    }

    /** Every property path of a version's schema ({@code spec.storage.size}, {@code spec.webhooks[].url}) and its type. */
    private static Map<String, String> fields(JsonNode version) {
        Map<String, String> fields = new TreeMap<>();
        collect(version.at("/schema/openAPIV3Schema"), "", fields);
        return fields;
    }

    private static void collect(JsonNode schema, String path, Map<String, String> out) {
        schema.path("properties").properties().forEach(p -> {
            String child = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
            out.put(child, p.getValue().path("type").asText("any"));
            collect(p.getValue(), child, out);
            if (p.getValue().has("items")) {
                collect(p.getValue().path("items"), child + "[]", out);
            }
        });
    }
}
