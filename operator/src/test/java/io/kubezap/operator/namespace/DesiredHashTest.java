package io.kubezap.operator.namespace;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash is of what an object holds, not of the order its maps happen to iterate in: {@code Map.of} iterates in an
 * order salted per JVM, so a restarted operator hashing its templates' labels in another order took the per-namespace
 * Service for changed and wrote it again (seen on a real kube-apiserver: RealApiServerOperatorAtScaleIT).
 */
class DesiredHashTest {

    @Test
    void theSameLabelsInAnotherOrderHashTheSame() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("app.kubernetes.io/managed-by", "kubezap-operator");
        oneOrder.put(NamespaceObjects.LABEL, "true");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put(NamespaceObjects.LABEL, "true");
        otherOrder.put("app.kubernetes.io/managed-by", "kubezap-operator");

        assertThat(DesiredHash.of(DesiredHash.annotated(service(oneOrder))))
                .isEqualTo(DesiredHash.of(DesiredHash.annotated(service(otherOrder))));
    }

    @Test
    void anotherValueHashesOtherwise() {
        assertThat(DesiredHash.of(DesiredHash.annotated(service(Map.of("a", "1")))))
                .isNotEqualTo(DesiredHash.of(DesiredHash.annotated(service(Map.of("a", "2")))));
    }

    private static Service service(Map<String, String> labels) {
        return new ServiceBuilder().withNewMetadata().withName("kubezap-sessions").withLabels(labels).endMetadata()
                .withNewSpec().withClusterIP("None").endSpec().build();
    }
}
