package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/** A short digest of a rendered pod template; stored as an annotation so any change rolls the pod. */
public final class PodTemplateHash {

    public static final String ANNOTATION = "kubezap.io/config-hash";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PodTemplateHash() {
    }

    public static String of(PodTemplateSpec template) {
        return digest(SERIALIZATION.asJson(template));
    }

    /**
     * A short digest of a Secret's data, for the template of a pod that reads it into its environment: variables
     * from Secrets are read only at a container's start, so the digest in the template restarts the pod on a change.
     */
    public static String secretDigest(Secret secret) {
        return digest(secret.getData() == null ? "" : new TreeMap<>(secret.getData()).toString());
    }

    /** The first 16 bytes of the SHA-256 of {@code text}, hex. */
    public static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
