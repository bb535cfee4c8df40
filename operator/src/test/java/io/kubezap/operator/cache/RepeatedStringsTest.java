package io.kubezap.operator.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sessions' StatefulSets, decoded as the operator's client decodes them: the short values they share are one
 * {@code String} each, the values of one session stay its own, and nothing read changes.
 */
class RepeatedStringsTest {

    private static final KubernetesSerialization PLAIN = new KubernetesSerialization();

    @Test
    void aValueTwoObjectsShareIsOneInstance() {
        StatefulSet first = decode(SharedFieldSetsTest.sent("uid-loja-01"));
        StatefulSet second = decode(SharedFieldSetsTest.sent("uid-loja-02"));

        assertThat(second.getMetadata().getNamespace()).isSameAs(first.getMetadata().getNamespace());
        assertThat(second.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
                .isSameAs(first.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertThat(second.getMetadata().getManagedFields().getFirst().getManager())
                .isSameAs(first.getMetadata().getManagedFields().getFirst().getManager());
        assertThat(second.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo("uid-loja-02");
        assertThat(first.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo("uid-loja-01");
    }

    @Test
    void aLongValueIsLeftAlone() {
        String longValue = "x".repeat(RepeatedStrings.LONGEST + 1);

        assertThat(RepeatedStrings.shared(new String(longValue))).isNotSameAs(RepeatedStrings.shared(new String(longValue)));
        assertThat(RepeatedStrings.shared(new String("Parallel"))).isSameAs(RepeatedStrings.shared(new String("Parallel")));
    }

    @Test
    void theDecodedObjectIsWhatWasSent() {
        StatefulSet sent = SharedFieldSetsTest.sent("uid-loja-01");
        sent.getMetadata().getManagedFields().removeIf(entry -> !entry.getManager().equals(MetadataPruning.FIELD_MANAGER));

        assertThat(PLAIN.asJson(decode(sent))).isEqualTo(PLAIN.asJson(sent));
    }

    private static StatefulSet decode(StatefulSet sent) {
        ObjectMapper mapper = new ObjectMapper();
        new PrunedMetadataDeserialization().customize(mapper);
        return new KubernetesSerialization(mapper, true).unmarshal(PLAIN.asJson(sent), StatefulSet.class);
    }
}
