package io.kubezap.operator.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.reconciler.SessionLogout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects as a real API server sends them, decoded as the operator's client decodes them: what deployment tools and
 * other writers keep for themselves is gone, and everything else — the operator's own server-side-apply entry, its
 * annotations and the user's, spec, status — is exactly as sent.
 */
class MetadataPruningTest {

    private static final KubernetesSerialization PLAIN = new KubernetesSerialization();
    private static final KubernetesSerialization PRUNING = pruning();

    @Test
    void aSessionAppliedByArgoCdLosesTheToolsAnnotationsAndOtherWritersManagedFieldsOnly() {
        WhatsAppSession sent = read(PLAIN, "whatsappsession-under-argocd.yaml", WhatsAppSession.class);
        WhatsAppSession pruned = read(PRUNING, "whatsappsession-under-argocd.yaml", WhatsAppSession.class);

        assertThat(pruned.getMetadata().getAnnotations()).containsOnlyKeys(
                SessionLogout.SKIP_LOGOUT_ANNOTATION, "team.example.com/owner");
        assertThat(pruned.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsOnly(MetadataPruning.FIELD_MANAGER).hasSize(2);
        assertThat(json(pruned)).isEqualTo(json(withoutTheToolsParts(sent)));
    }

    @Test
    void theAnnotationsTheOperatorReadsOnASessionAreKept() {
        WhatsAppSession sent = read(PLAIN, "whatsappsession-under-argocd.yaml", WhatsAppSession.class);
        sent.getMetadata().getAnnotations().put(KeptData.ADOPT_ANNOTATION, "loja-01-old");

        WhatsAppSession pruned = PRUNING.unmarshal(PLAIN.asJson(sent), WhatsAppSession.class);

        assertThat(pruned.getMetadata().getAnnotations())
                .containsEntry(KeptData.ADOPT_ANNOTATION, "loja-01-old")
                .containsEntry(SessionLogout.SKIP_LOGOUT_ANNOTATION, "true");
    }

    @Test
    void aStatefulSetKeepsTheOperatorsApplyEntryAndLosesTheControllerManagersStatusEntry() {
        StatefulSet sent = read(PLAIN, "statefulset-after-apply.yaml", StatefulSet.class);
        StatefulSet pruned = read(PRUNING, "statefulset-after-apply.yaml", StatefulSet.class);

        assertThat(sent.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .contains("kube-controller-manager");
        assertThat(pruned.getMetadata().getManagedFields()).singleElement()
                .satisfies(entry -> assertThat(entry.getManager()).isEqualTo(MetadataPruning.FIELD_MANAGER))
                .satisfies(entry -> assertThat(entry.getOperation()).isEqualTo("Apply"));
        assertThat(json(pruned)).isEqualTo(json(withoutTheToolsParts(sent)));
    }

    @Test
    void anObjectNoOneAppliedHasNoManagedFieldsLeft() {
        StatefulSet sent = read(PLAIN, "statefulset-after-apply.yaml", StatefulSet.class);
        sent.getMetadata().getManagedFields().removeIf(entry -> "Apply".equals(entry.getOperation()));

        StatefulSet pruned = PRUNING.unmarshal(PLAIN.asJson(sent), StatefulSet.class);

        assertThat(pruned.getMetadata().getManagedFields()).isEmpty();
        assertThat(pruned.getSpec()).isEqualTo(sent.getSpec());
    }

    /** A pod template's metadata is part of what the operator wrote and compares, not the object's own. */
    @Test
    void aTemplatesAnnotationsAreKeptWhateverTheirName() {
        StatefulSet sent = read(PLAIN, "statefulset-after-apply.yaml", StatefulSet.class);
        sent.getSpec().getTemplate().getMetadata().getAnnotations().put("argocd.argoproj.io/sync-options", "Prune=false");

        StatefulSet pruned = PRUNING.unmarshal(PLAIN.asJson(sent), StatefulSet.class);

        assertThat(pruned.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("argocd.argoproj.io/sync-options", "Prune=false");
    }

    @Test
    void pruningTwiceChangesNothingMore() {
        WhatsAppSession once = read(PRUNING, "whatsappsession-under-argocd.yaml", WhatsAppSession.class);

        assertThat(json(PRUNING.unmarshal(PRUNING.asJson(once), WhatsAppSession.class))).isEqualTo(json(once));
    }

    /** Compared as JSON: the custom resource's spec and status classes have no equals. */
    private static String json(Object object) {
        return PLAIN.asJson(object);
    }

    /** The object as sent, minus exactly the parts pruning is meant to remove. */
    private static <T extends HasMetadata> T withoutTheToolsParts(T sent) {
        var metadata = sent.getMetadata();
        if (metadata.getAnnotations() != null) {
            metadata.getAnnotations().keySet().removeIf(key -> key.startsWith("argocd.argoproj.io/")
                    || key.equals("kubectl.kubernetes.io/last-applied-configuration"));
        }
        List<ManagedFieldsEntry> own = metadata.getManagedFields().stream()
                .filter(entry -> entry.getManager().equals("whatsappsession") && entry.getOperation().equals("Apply"))
                .toList();
        metadata.setManagedFields(own);
        return sent;
    }

    private static <T> T read(KubernetesSerialization serialization, String fixture, Class<T> type) {
        try (InputStream in = MetadataPruningTest.class.getResourceAsStream("/server-shaped/" + fixture)) {
            return serialization.unmarshal(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KubernetesSerialization pruning() {
        ObjectMapper mapper = new ObjectMapper();
        new PrunedMetadataDeserialization().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }
}
