package io.kubezap.operator.cache;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;

/**
 * A pod template as read from the API server, its spec held packed ({@link PackedSpecs}) and decoded afresh at each
 * {@link #getSpec()}: the informer keeps every session's StatefulSet, and its pod template's spec (containers, env,
 * probes, volumes, with the server's defaults) is most of it, read only when the StatefulSet is compared with its
 * desired state or its template is kept for a later rollout. Everything that reads a model object reads it through its
 * getters (equality, hash, serialisation, builders), so a packed template reads as the decoded one would; a change
 * made to a returned spec is not kept (nothing here changes a template it read: copy it first, as
 * {@code new PodTemplateSpecBuilder(template).build()} does).
 */
public final class PackedPodTemplateSpec extends PodTemplateSpec {

    private static final KubernetesSerialization SPECS = new KubernetesSerialization();

    private byte[] packedSpec;

    PackedPodTemplateSpec(PodTemplateSpec withoutSpec, byte[] specJson) {
        super(withoutSpec.getMetadata(), null);
        setAdditionalProperties(withoutSpec.getAdditionalProperties());
        this.packedSpec = PackedSpecs.pack(specJson);
    }

    @Override
    public PodSpec getSpec() {
        byte[] packed = packedSpec;
        if (packed == null) {
            return super.getSpec();
        }
        return SPECS.unmarshal(new ByteArrayInputStream(PackedSpecs.unpack(packed)), PodSpec.class);
    }

    @Override
    public void setSpec(PodSpec spec) {
        packedSpec = null;
        super.setSpec(spec);
    }

    /** Bytes held for the spec (for the footprint's tests). */
    int packedBytes() {
        return packedSpec == null ? 0 : packedSpec.length;
    }
}
