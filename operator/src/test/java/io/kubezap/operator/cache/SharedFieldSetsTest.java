package io.kubezap.operator.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two sessions' StatefulSets as the API server sends them, decoded as the operator's client decodes them: the
 * operator's server-side-apply entry names the same fields on both, except the owner reference's uid. What the
 * informers hold of it is one read-only tree per distinct branch, with exactly the content that was sent.
 */
class SharedFieldSetsTest {

    private static final KubernetesSerialization PLAIN = new KubernetesSerialization();
    private static final KubernetesSerialization DECODING = operatorsDecoding();

    @Test
    void twoSessionsStatefulSetsShareEveryBranchButTheirOwnerReference() {
        Map<String, Object> first = ownEntry(decode(sent("uid-loja-01")));
        Map<String, Object> second = ownEntry(decode(sent("uid-loja-02")));

        assertThat(first.get("f:spec")).isSameAs(second.get("f:spec"));
        assertThat(branch(first, "f:metadata").get("f:labels")).isSameAs(branch(second, "f:metadata").get("f:labels"));
        assertThat(branch(first, "f:metadata").get("f:ownerReferences"))
                .isNotSameAs(branch(second, "f:metadata").get("f:ownerReferences"));
        assertThat(branch(branch(second, "f:metadata"), "f:ownerReferences")).containsOnlyKeys("k:{\"uid\":\"uid-loja-02\"}");
    }

    /**
     * The branches naming the owner reference's uid (and those above them) are one object's own and not interned (an
     * interner entry each, some ten per session, for nothing to share): decoded twice, they are equal copies, and
     * every other branch is the one shared instance.
     */
    @Test
    void theSameObjectDecodedTwiceSharesEveryBranchButItsOwnersOwn() {
        StatefulSet sent = sent("uid-loja-01");

        FieldsV1 first = decode(sent).getMetadata().getManagedFields().getFirst().getFieldsV1();
        FieldsV1 second = decode(sent).getMetadata().getManagedFields().getFirst().getFieldsV1();

        assertThat(first).isEqualTo(second).isNotSameAs(second);
        assertThat(first.getAdditionalProperties().get("f:spec")).isSameAs(second.getAdditionalProperties().get("f:spec"));
        assertThat(branch(first.getAdditionalProperties(), "f:metadata").get("f:labels"))
                .isSameAs(branch(second.getAdditionalProperties(), "f:metadata").get("f:labels"));
        assertThat(branch(first.getAdditionalProperties(), "f:metadata").get("f:ownerReferences"))
                .isEqualTo(branch(second.getAdditionalProperties(), "f:metadata").get("f:ownerReferences"))
                .isNotSameAs(branch(second.getAdditionalProperties(), "f:metadata").get("f:ownerReferences"));
    }

    /** A tree naming no owner reference (a session's own entries) is interned whole: one instance however often decoded. */
    @Test
    void aTreeWithoutAnOwnerReferenceIsOneInstance() {
        StatefulSet sent = sent("uid-loja-01");
        branch(fieldsOf(sent), "f:metadata").remove("f:ownerReferences");

        assertThat(decode(sent).getMetadata().getManagedFields().getFirst().getFieldsV1())
                .isSameAs(decode(sent).getMetadata().getManagedFields().getFirst().getFieldsV1());
    }

    @Test
    void theSharedTreeHasExactlyTheContentThatWasSent() {
        StatefulSet sent = sent("uid-loja-01");

        FieldsV1 shared = decode(sent).getMetadata().getManagedFields().getFirst().getFieldsV1();

        assertThat(shared).isEqualTo(sent.getMetadata().getManagedFields().getFirst().getFieldsV1());
        assertThat(PLAIN.asJson(shared)).isEqualTo(PLAIN.asJson(sent.getMetadata().getManagedFields().getFirst().getFieldsV1()));
    }

    /** A tree that differs in one field is its own: sharing never makes an object claim fields it did not send. */
    @Test
    void aTreeThatNamesOneMoreFieldIsNotTheOtherOne() {
        StatefulSet plain = sent("uid-loja-01");
        StatefulSet oneMore = sent("uid-loja-01");
        fieldsOf(oneMore).put("f:spec", withKey(fieldsOf(oneMore).get("f:spec"), "f:minReadySeconds"));

        Map<String, Object> shared = ownEntry(decode(plain));
        Map<String, Object> other = ownEntry(decode(oneMore));

        assertThat(other.get("f:spec")).isNotSameAs(shared.get("f:spec"));
        assertThat(branch(other, "f:spec")).containsKey("f:minReadySeconds");
        assertThat(branch(shared, "f:spec")).doesNotContainKey("f:minReadySeconds");
    }

    /** Shared means no one may write: a writer fails at once instead of changing every other session's entry. */
    @Test
    void noBranchCanBeChanged() {
        FieldsV1 tree = decode(sent("uid-loja-01")).getMetadata().getManagedFields().getFirst().getFieldsV1();
        Map<String, Object> spec = branch(tree.getAdditionalProperties(), "f:spec");

        assertThatThrownBy(() -> tree.setAdditionalProperty("f:status", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.remove("f:replicas")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.put("f:replicas", Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> branch(spec, "f:template").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static StatefulSet decode(StatefulSet sent) {
        return DECODING.unmarshal(PLAIN.asJson(sent), StatefulSet.class);
    }

    /** The fixture, as the API server would send it for a session with this uid. */
    static StatefulSet sent(String sessionUid) {
        try (InputStream in = SharedFieldSetsTest.class.getResourceAsStream("/server-shaped/statefulset-after-apply.yaml")) {
            String yaml = new String(in.readAllBytes()).replace("uid-loja-01", sessionUid);
            return PLAIN.unmarshal(yaml, StatefulSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> fieldsOf(StatefulSet sent) {
        return sent.getMetadata().getManagedFields().stream()
                .filter(entry -> entry.getManager().equals(MetadataPruning.FIELD_MANAGER))
                .findFirst().orElseThrow().getFieldsV1().getAdditionalProperties();
    }

    private static Map<String, Object> ownEntry(StatefulSet decoded) {
        assertThat(decoded.getMetadata().getManagedFields()).hasSize(1);
        return decoded.getMetadata().getManagedFields().getFirst().getFieldsV1().getAdditionalProperties();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> branch(Map<String, Object> tree, String key) {
        return (Map<String, Object>) tree.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withKey(Object branch, String key) {
        var copy = new java.util.LinkedHashMap<>((Map<String, Object>) branch);
        copy.put(key, Map.of());
        return copy;
    }

    private static KubernetesSerialization operatorsDecoding() {
        ObjectMapper mapper = new ObjectMapper();
        new PrunedMetadataDeserialization().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }
}
