package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.SessionObjectNames;

import java.util.Map;

/**
 * What the gateway's informers keep of each object: what the gateway reads, nothing else. A real API server sends
 * every object with {@code managedFields} (a field tree per writer, often larger than the object), GitOps tools keep
 * annotations on what they apply (kubectl a copy of the whole manifest, a Secret's values included), and each
 * gateway replica holds every session and every session's key copy: at 10,000 sessions that is most of its heap
 * (docs/benchmarks/2026-11-26-gateway-10000.md).
 * <p>
 * Of every object: its identity ({@link #identity}: name, namespace, labels, uid, resource version, generation, when
 * created and when deleted); no annotations, managedFields, finalizers or owner references, which the gateway never
 * reads. A lookup that misses the cache reads the API server and gets the object whole.
 */
public final class PrunedObjects {

    private PrunedObjects() {
    }

    /**
     * A session as the gateway shows it ({@code SessionView}: labels, created, the whole spec, and of the status the
     * phase, pairing, account, last connection, reconnects and conditions) and routes to it (the status' endpoint, or its
     * host for a session on a session host).
     * Dropped from the status: the observed generation, the API key Secret's name, the effective outputs and the code
     * that links a phone ({@code qr}, {@code pairingCode}): the gateway's session document never carries it, whoever
     * asks, and {@code …/qr} reads it from the pod for who may {@code manage} the session.
     */
    public static WhatsAppSession session(WhatsAppSession sent) {
        WhatsAppSession kept = new WhatsAppSession();
        kept.setMetadata(identity(sent.getMetadata()));
        kept.setSpec(sent.getSpec());
        WhatsAppSessionStatus status = sent.getStatus();
        if (status != null) {
            status.setObservedGeneration(null);
            status.setApiKeySecret(null);
            status.setOutputs(null);
            status.setQr(null);
            status.setPairingCode(null);
            kept.setStatus(status);
        }
        return kept;
    }

    /**
     * The operator's copy of a session's API key: its labels (which session it is the copy of) and the key alone
     * ({@value SessionObjectNames#API_KEY_SECRET_KEY}).
     */
    public static Secret keyCopy(Secret sent) {
        return new SecretBuilder().withMetadata(identity(sent.getMetadata()))
                .withData(only(sent.getData(), SessionObjectNames.API_KEY_SECRET_KEY))
                .withStringData(only(sent.getStringData(), SessionObjectNames.API_KEY_SECRET_KEY))
                .build();
    }

    /** A gateway key: its labels and all its values (key, role, scope, chats, expiry). */
    public static Secret gatewayKey(Secret sent) {
        return new SecretBuilder().withMetadata(identity(sent.getMetadata()))
                .withData(sent.getData()).withStringData(sent.getStringData()).build();
    }

    static ObjectMeta identity(ObjectMeta sent) {
        return new ObjectMetaBuilder()
                .withName(sent.getName())
                .withNamespace(sent.getNamespace())
                .withLabels(sent.getLabels())
                .withUid(sent.getUid())
                .withResourceVersion(sent.getResourceVersion())
                .withGeneration(sent.getGeneration())
                .withCreationTimestamp(sent.getCreationTimestamp())
                .withDeletionTimestamp(sent.getDeletionTimestamp())
                .build();
    }

    private static Map<String, String> only(Map<String, String> values, String key) {
        return values == null || !values.containsKey(key) ? null : Map.of(key, values.get(key));
    }
}
