package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.validation.CrdSchemaValidator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Updates of {@code spec.storage} the API server must refuse (the volume exists already): another StorageClass, a
 * smaller size, another storage mode. A larger size passes; the operator expands the existing claim.
 */
class StorageUpdateValidationTest {

    private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.of(CrdFiles.generatedCrd(), "v1alpha1");

    @Test
    void largerSizeIsAccepted() {
        assertThat(VALIDATOR.validate(session("2Gi", "fast"), session("1Gi", "fast"))).isEmpty();
        assertThat(VALIDATOR.validate(session("1536Mi", "fast"), session("1Gi", "fast"))).isEmpty();
    }

    @Test
    void smallerSizeIsRefusedComparingQuantitiesNotText() {
        assertThat(VALIDATOR.validate(session("900Mi", "fast"), session("1Gi", "fast")))
                .singleElement().satisfies(v -> {
                    assertThat(v.path()).isEqualTo("$.spec.storage.size");
                    assertThat(v.message()).contains("cannot shrink");
                });
        assertThat(VALIDATOR.validate(session("1073741824", "fast"), session("1Gi", "fast")))
                .as("the same quantity written in bytes").isEmpty();
    }

    @Test
    void anotherStorageClassIsRefused() {
        List<CrdSchemaValidator.Violation> violations = VALIDATOR.validate(session("1Gi", "slow"), session("1Gi", "fast"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.spec.storage.storageClassName");
            assertThat(v.message()).contains("cannot be changed");
        });
    }

    @Test
    void anotherStorageModeIsRefusedAndTheSameOneOrAFirstChoicePasses() {
        assertThat(VALIDATOR.validate(withMode("Database"), withMode("Volume"))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.spec.storage.mode");
            assertThat(v.message()).contains("spec.storage.mode cannot be changed");
        });
        assertThat(VALIDATOR.validate(withMode("Database"), withMode("Database"))).isEmpty();
        assertThat(VALIDATOR.validate(withMode("Database"), session("1Gi", "fast")))
                .as("set after creation: the operator keeps the mode the StatefulSet was made in (StorageModeKept)").isEmpty();
    }

    @Test
    void createIsNotATransition() {
        assertThat(VALIDATOR.validate(session("1Gi", "fast"))).isEmpty();
    }

    private static JsonNode withMode(String mode) {
        ObjectNode session = (ObjectNode) session("1Gi", "fast");
        ((ObjectNode) session.get("spec").get("storage")).put("mode", mode);
        return session;
    }

    private static JsonNode session(String size, String storageClass) {
        ObjectNode session = CrdFiles.YAML.createObjectNode();
        session.put("apiVersion", "kubezap.io/v1alpha1").put("kind", "WhatsAppSession");
        session.putObject("metadata").put("name", "loja-01");
        session.putObject("spec").putObject("storage").put("size", size).put("storageClassName", storageClass);
        return session;
    }
}
