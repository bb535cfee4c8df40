package io.kubezap.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The session pods' NetworkPolicies as the chart hands them to the operator (KUBEZAP_SESSION_NETWORK_POLICIES), which
 * places them in every namespace where it runs sessions: the chart renders none of them itself.
 */
final class SessionPolicies {

    private SessionPolicies() {
    }

    static List<NetworkPolicy> of(Manifests manifests) {
        return manifests.one(Deployment.class, "kubezap-operator").getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getEnv().stream()
                .filter(env -> env.getName().equals("KUBEZAP_SESSION_NETWORK_POLICIES"))
                .map(EnvVar::getValue)
                .findFirst()
                .map(json -> new KubernetesSerialization().unmarshal(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        new TypeReference<List<NetworkPolicy>>() { }))
                .orElse(List.of());
    }
}
