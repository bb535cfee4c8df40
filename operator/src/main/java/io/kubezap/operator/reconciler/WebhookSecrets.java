package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Checks that every Secret key named by {@code spec.webhooks[].secretRef} exists; never reads the values out. */
@ApplicationScoped
public class WebhookSecrets {

    private final KubernetesClient client;

    public WebhookSecrets(KubernetesClient client) {
        this.client = client;
    }

    public void requirePresent(WhatsAppSession session) {
        List<Webhook> webhooks = session.getSpec().getWebhooks();
        if (webhooks == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (Webhook webhook : webhooks) {
            SecretKeyRef ref = webhook.getSecretRef();
            if (ref != null && !hasKey(session.getMetadata().getNamespace(), ref)) {
                missing.add(ref.getName() + "/" + ref.getKey());
            }
        }
        if (!missing.isEmpty()) {
            throw MissingSecretException.webhook("webhook signing secret not found (Secret/key): "
                    + String.join(", ", missing) + "; the session pod cannot start until it exists");
        }
    }

    private boolean hasKey(String namespace, SecretKeyRef ref) {
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        return secret != null
                && ((secret.getData() != null && secret.getData().containsKey(ref.getKey()))
                || (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())));
    }
}
