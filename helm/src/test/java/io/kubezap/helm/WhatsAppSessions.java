package io.kubezap.helm;

import io.kubezap.testing.apiserver.EstablishedCrd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Map;

/** The WhatsAppSession resource on a real API server, as the chart's CRD serves it. */
final class WhatsAppSessions {

    static final String CRD = "whatsappsessions.kubezap.io";
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("kubezap.io").withVersion("v1alpha1").withPlural("whatsappsessions").withNamespaced(true).build();

    private WhatsAppSessions() {
    }

    /** Waits until the server serves the CRD (condition Established). */
    static void awaitEstablished(KubernetesClient client) {
        EstablishedCrd.await(client, CRD);
    }

    /** Creates a minimal session in namespace default. */
    static GenericKubernetesResource create(KubernetesClient client, String name) {
        return client.genericKubernetesResources(CONTEXT).inNamespace("default").resource(
                new GenericKubernetesResourceBuilder().withApiVersion("kubezap.io/v1alpha1").withKind("WhatsAppSession")
                        .withNewMetadata().withName(name).endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("displayName", "Loja 1"))).build()).create();
    }

    /** The session in namespace default, or null. */
    static GenericKubernetesResource get(KubernetesClient client, String name) {
        return client.genericKubernetesResources(CONTEXT).inNamespace("default").withName(name).get();
    }
}
