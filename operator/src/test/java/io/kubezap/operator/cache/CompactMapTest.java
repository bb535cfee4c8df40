package io.kubezap.operator.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactMapTest {

    /** The same random changes on a CompactMap and a LinkedHashMap leave the same map, in the same order, at every step. */
    @Test
    void behavesAsALinkedHashMapUnderRandomChanges() {
        Random random = new Random(50);
        for (int run = 0; run < 200; run++) {
            Map<String, Integer> compact = new CompactMap<>();
            Map<String, Integer> reference = new LinkedHashMap<>();
            for (int step = 0; step < 60; step++) {
                String key = random.nextInt(8) == 0 ? null : "k" + random.nextInt(14);
                Integer value = random.nextInt(6) == 0 ? null : random.nextInt(100);
                switch (random.nextInt(7)) {
                    case 0, 1, 2 -> assertThat(compact.put(key, value)).isEqualTo(reference.put(key, value));
                    case 3 -> assertThat(compact.remove(key)).isEqualTo(reference.remove(key));
                    case 4 -> {
                        compact.entrySet().removeIf(entry -> entry.getValue() != null && entry.getValue() % 3 == 0);
                        reference.entrySet().removeIf(entry -> entry.getValue() != null && entry.getValue() % 3 == 0);
                    }
                    case 5 -> {
                        compact.entrySet().forEach(entry -> entry.setValue(entry.getValue() == null ? 1 : entry.getValue() + 1));
                        reference.entrySet().forEach(entry -> entry.setValue(entry.getValue() == null ? 1 : entry.getValue() + 1));
                    }
                    default -> {
                        if (random.nextInt(10) == 0) {
                            compact.clear();
                            reference.clear();
                        }
                    }
                }
                assertThat(compact.get(key)).isEqualTo(reference.get(key));
                assertThat(compact.containsKey(key)).isEqualTo(reference.containsKey(key));
                assertThat(new ArrayList<>(compact.entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
                assertThat(compact).isEqualTo(reference).hasSameHashCodeAs(reference).hasToString(reference.toString());
                assertThat(reference).isEqualTo(compact);
            }
        }
    }

    @Test
    void aChangeOutsideAnIteratorFailsTheIteration() {
        Map<String, String> map = new CompactMap<>();
        map.put("a", "1");
        map.put("b", "2");
        Iterator<Map.Entry<String, String>> entries = map.entrySet().iterator();
        entries.next();
        map.put("c", "3");

        assertThatThrownBy(entries::next).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void aReadOnlyMapRefusesEveryChange() {
        Map<String, Object> small = CompactMap.readOnly(Map.of("f:name", Map.of()));
        Map<String, Object> large = CompactMap.readOnly(numbered(CompactMap.LARGEST_COMPACT + 3));

        for (Map<String, Object> map : List.of(small, large)) {
            assertThatThrownBy(() -> map.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> map.remove(map.keySet().iterator().next())).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> map.keySet().removeIf(key -> true)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(large).isEqualTo(numbered(CompactMap.LARGEST_COMPACT + 3));
        assertThat(large.keySet()).containsExactlyElementsOf(numbered(CompactMap.LARGEST_COMPACT + 3).keySet());
    }

    /** What the operator's client decodes: every map of a Secret and of a StatefulSet is compact, and equal to the plain one. */
    @Test
    void theOperatorsClientDecodesEveryMapCompact() {
        Secret sent = new SecretBuilder().withNewMetadata().withName("bench-00001-api-key").withNamespace("default")
                .withResourceVersion("7").addToLabels("app.kubernetes.io/name", "kubezap-session")
                .addToLabels("app.kubernetes.io/instance", "bench-00001").endMetadata()
                .addToData("api-key", "c2VjcmV0").build();
        KubernetesSerialization plain = new KubernetesSerialization();
        String json = plain.asJson(sent);

        Secret decoded = operatorsDecoding().unmarshal(json, Secret.class);

        assertThat(decoded.getMetadata().getLabels()).isInstanceOf(CompactMap.class);
        assertThat(decoded.getData()).isInstanceOf(CompactMap.class);
        assertThat(decoded).isEqualTo(plain.unmarshal(json, Secret.class));
        StatefulSet statefulSet = plain.unmarshal(getClass().getResourceAsStream("/server-shaped/statefulset-after-apply.yaml"), StatefulSet.class);
        StatefulSet cached = operatorsDecoding().unmarshal(plain.asJson(statefulSet), StatefulSet.class);
        assertThat(cached.getSpec().getSelector().getMatchLabels()).isInstanceOf(CompactMap.class)
                .isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
        assertThat(cached.getSpec().getTemplate().getMetadata().getAnnotations()).isInstanceOf(CompactMap.class)
                .containsExactlyEntriesOf(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations());
    }

    private static Map<String, Object> numbered(int entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put("f:field" + i, Map.of());
        }
        return map;
    }

    private static KubernetesSerialization operatorsDecoding() {
        ObjectMapper mapper = new ObjectMapper();
        new PrunedMetadataDeserialization().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }
}
