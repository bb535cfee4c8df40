package io.kubezap.operator.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A StatefulSet as the API server sends it, decoded as the operator's client decodes it: its model objects' empty
 * maps of unknown fields are one shared map, and nothing a reader, a builder or the encoder sees changes.
 */
class NoEmptyPropertyMapsTest {

    private static final KubernetesSerialization PLAIN = new KubernetesSerialization();
    private static final KubernetesSerialization DECODING = operatorsDecoding();

    @Test
    void everyEmptyMapOfUnknownFieldsIsTheSameOne() {
        StatefulSet decoded = decode(SharedFieldSetsTest.sent("uid-loja-01"));
        // the pod template's spec is held packed (PackedPodTemplateSpec): its containers are decoded afresh at each read
        var claim = decoded.getSpec().getVolumeClaimTemplates().getFirst();

        assertThat(decoded.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(decoded.getSpec().getAdditionalProperties())
                .isSameAs(decoded.getMetadata().getAdditionalProperties())
                .isSameAs(decoded.getSpec().getTemplate().getMetadata().getAdditionalProperties())
                .isSameAs(claim.getAdditionalProperties())
                .isSameAs(claim.getSpec().getAdditionalProperties())
                .isSameAs(decode(SharedFieldSetsTest.sent("uid-loja-02")).getSpec().getAdditionalProperties());
    }

    @Test
    void fieldsTheModelDoesNotKnowAreKept() {
        StatefulSet sent = SharedFieldSetsTest.sent("uid-loja-01");
        sent.getSpec().getTemplate().getSpec().getContainers().getFirst().setAdditionalProperty("x-vendor", "kept");

        Container decoded = decode(sent).getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(decoded.getAdditionalProperties()).containsExactly(Map.entry("x-vendor", "kept"));
    }

    @Test
    void theDecodedObjectIsWhatWasSentAndABuilderOfItCanAddUnknownFields() {
        StatefulSet sent = SharedFieldSetsTest.sent("uid-loja-01");
        sent.getMetadata().getManagedFields().removeIf(entry -> !entry.getManager().equals(MetadataPruning.FIELD_MANAGER));

        StatefulSet decoded = decode(sent);
        StatefulSet edited = new StatefulSetBuilder(decoded).editSpec().addToAdditionalProperties("x-vendor", 1).endSpec()
                .build();

        assertThat(decoded).isEqualTo(sent);
        assertThat(PLAIN.asJson(decoded)).isEqualTo(PLAIN.asJson(sent));
        assertThat(edited.getSpec().getAdditionalProperties()).containsExactly(Map.entry("x-vendor", 1));
        assertThat(decoded.getSpec().getAdditionalProperties()).isEmpty();
    }

    private static StatefulSet decode(StatefulSet sent) {
        return DECODING.unmarshal(PLAIN.asJson(sent), StatefulSet.class);
    }

    private static KubernetesSerialization operatorsDecoding() {
        ObjectMapper mapper = new ObjectMapper();
        new PrunedMetadataDeserialization().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }
}
