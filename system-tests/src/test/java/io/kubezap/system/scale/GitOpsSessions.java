package io.kubezap.system.scale;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;

import java.util.Map;

/**
 * A WhatsAppSession as a GitOps tool applies it: with kubectl's {@code last-applied-configuration} (a copy of the whole
 * manifest) and Argo CD's {@code tracking-id} annotations. With {@link io.kubezap.system.apiserver.ServerShapedObjects}
 * storing it, the object the benchmarks' watchers read is the one a real API server would send them.
 */
public final class GitOpsSessions {

    private GitOpsSessions() {
    }

    /** {@code session} (name, namespace and spec set) with the annotations the tools write, for a create. */
    public static WhatsAppSession annotated(KubernetesClient client, WhatsAppSession session) {
        session.getMetadata().setAnnotations(Map.of(
                "kubectl.kubernetes.io/last-applied-configuration", client.getKubernetesSerialization().asJson(session),
                "argocd.argoproj.io/tracking-id", "sessions:kubezap.io/WhatsAppSession:%s/%s".formatted(
                        session.getMetadata().getNamespace(), session.getMetadata().getName())));
        return session;
    }
}
