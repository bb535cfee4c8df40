package io.kubezap.testing.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.concurrent.TimeUnit;

/** Waiting until a real API server serves a CRD just created (its condition Established). */
public final class EstablishedCrd {

    private EstablishedCrd() {
    }

    /** Waits up to 60 s until the server serves {@code name}; a CRD just created has no conditions for a moment. */
    public static void await(KubernetesClient client, String name) {
        client.apiextensions().v1().customResourceDefinitions().withName(name)
                .waitUntilCondition(EstablishedCrd::established, 60, TimeUnit.SECONDS);
    }

    static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
