package io.kubezap.operator.namespace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;

/**
 * The hash of what a per-namespace object should hold, kept in an annotation on it: compared instead of the object
 * itself, since the API server adds defaults (a Service's clusterIPs, ipFamilies, sessionAffinity) that a comparison of
 * specs would take for a difference and write again at every reconcile. Maps are hashed in the order of their keys:
 * {@code Map.of} iterates in an order salted per JVM, and a restarted operator would otherwise write them all again.
 */
public final class DesiredHash {

    static final String ANNOTATION = "kubezap.io/desired-hash";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private DesiredHash() {
    }

    /** A copy of {@code template} carrying the hash of its content. */
    public static <R extends HasMetadata> R annotated(R template) {
        R copy = JSON.clone(template);
        String hash = digest(canonical(template));
        var annotations = copy.getMetadata().getAnnotations() == null ? new HashMap<String, String>()
                : new HashMap<>(copy.getMetadata().getAnnotations());
        annotations.put(ANNOTATION, hash);
        copy.getMetadata().setAnnotations(annotations);
        return copy;
    }

    /** The hash an object carries; null without one. */
    public static String of(HasMetadata object) {
        var annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    private static String canonical(HasMetadata template) {
        try {
            return CANONICAL.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String digest(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
