package io.kubezap.operator.namespace;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.List;
import java.util.Optional;

/**
 * The session pods' NetworkPolicies, as the chart renders them from its networkPolicy values (one definition of the
 * rules, in the chart): the operator takes each one's name and spec and places it in every session namespace.
 */
final class SessionNetworkPolicies {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private SessionNetworkPolicies() {
    }

    /** {@code json}: a list of NetworkPolicy objects; a name or spec missing is refused at start. */
    static List<NetworkPolicy> templates(Optional<String> json) {
        List<NetworkPolicy> given = json.filter(text -> !text.isBlank())
                .map(text -> JSON.unmarshal(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new TypeReference<List<NetworkPolicy>>() { }))
                .orElse(List.of());
        return given.stream().map(SessionNetworkPolicies::template).toList();
    }

    private static NetworkPolicy template(NetworkPolicy given) {
        if (given.getMetadata() == null || given.getMetadata().getName() == null || given.getSpec() == null) {
            throw new IllegalArgumentException("kubezap.session.network-policies: every NetworkPolicy needs"
                    + " metadata.name and spec, got " + JSON.asJson(given));
        }
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(given.getMetadata().getName())
                .withLabels(NamespaceObjects.labels())
                .endMetadata()
                .withSpec(given.getSpec())
                .build();
    }
}
