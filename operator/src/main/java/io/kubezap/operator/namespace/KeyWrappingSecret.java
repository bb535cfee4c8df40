package io.kubezap.operator.namespace;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.operator.model.SessionObjects;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key that wraps the session pods' data keys (their key stores encrypted at rest, docs/decisions/0018), one
 * Secret per namespace where sessions live: {@code kubezap-key-wrapping}, key {@code keys}, which every session pod there reads as
 * {@code KUBEZAP_KEY_WRAPPING_KEYS}. Made once with a random AES-256 key when missing; never changed nor deleted by
 * the operator: a rotation is the admin's edit (the new key first, the old one kept until every pod re-wrapped), and a
 * kept volume or database copy needs the key after the namespace's last session is gone. Looked up once per namespace
 * per operator process: a GET, not an informer over the namespace's Secrets.
 */
final class KeyWrappingSecret {

    static final String NAME = SessionObjects.KEY_WRAPPING_SECRET;
    static final String KEY = SessionObjects.KEY_WRAPPING_SECRET_KEY;
    private static final Logger LOG = Logger.getLogger(KeyWrappingSecret.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> present = ConcurrentHashMap.newKeySet();

    void keep(String namespace, KubernetesClient client) {
        if (present.contains(namespace)) {
            return;
        }
        if (client.secrets().inNamespace(namespace).withName(NAME).get() == null) {
            create(namespace, client);
        }
        present.add(namespace);
    }

    private static void create(String namespace, KubernetesClient client) {
        var key = new byte[32];
        RANDOM.nextBytes(key);
        var secret = new SecretBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .withLabels(Map.of(SessionObjects.LABEL_MANAGED_BY, SessionObjects.MANAGED_BY)).endMetadata()
                .withStringData(Map.of(KEY, "k1:" + Base64.getEncoder().encodeToString(key)))
                .build();
        try {
            client.resource(secret).create();
            LOG.infof("Made the key-wrapping Secret %s/%s (the session pods' key stores are sealed under it)", namespace, NAME);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
