package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * The namespace's hosts' PodDisruptionBudget {@code kubezap-hosts}: a drain or an autoscaler takes one host at a time,
 * so at most one host's sessions reconnect at once.
 */
public final class HostDisruptionBudget {

    public static final String NAME = "kubezap-hosts";

    private HostDisruptionBudget() {
    }

    public static PodDisruptionBudget desired(String namespace) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(HostObjects.shared())
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(HostObjects.allHosts()).endSelector()
                .endSpec()
                .build();
    }
}
