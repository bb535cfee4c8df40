package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorRbacTest {

    private static final String GATEWAY_KEYS = "kubezap-operator-gateway-keys";
    private static final String CLUSTER_SCOPED = "kubezap-operator-cluster-scoped";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void clusterRoleGrantsExactlyTheRulesTheOperatorDeclares() throws IOException {
        Manifests manifests = chart.render();

        assertThat(manifests.one(ClusterRole.class, "kubezap-operator").getRules()).isEqualTo(declaredRules());
        assertThat(manifests.one(ClusterRole.class, CLUSTER_SCOPED).getRules()).isEqualTo(clusterScopedRules());
        assertThat(manifests.allButGateways(Role.class)).extracting(role -> role.getMetadata().getName())
                .containsExactly(GATEWAY_KEYS);
    }

    /** The copies of the sessions' API keys the gateway reads: a Role in the namespace of the gateway's keys, and where it is. */
    @Test
    void withTheGatewayTheOperatorKeepsKeyCopiesInItsNamespaceOnly() throws IOException {
        Manifests manifests = chart.render();

        Role role = manifests.one(Role.class, GATEWAY_KEYS);
        assertThat(role.getMetadata().getNamespace()).isEqualTo(KubezapChart.NAMESPACE + "-gateway-keys");
        assertThat(role.getRules()).isEqualTo(declaredRules("files/operator-gateway-namespace-rules.yaml"));
        RoleBinding binding = manifests.one(RoleBinding.class, GATEWAY_KEYS);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(KubezapChart.NAMESPACE + "-gateway-keys");
        assertThat(binding.getRoleRef().getName()).isEqualTo(GATEWAY_KEYS);
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> assertThat(subject.getName()).isEqualTo("kubezap-operator"));
        assertThat(manifests.operatorEnv()).containsEntry("KUBEZAP_GATEWAY_NAMESPACE", KubezapChart.NAMESPACE + "-gateway-keys");

        Manifests withoutGateway = chart.render(Map.of("gateway.enabled", false));
        assertThat(withoutGateway.all(Role.class)).extracting(r -> r.getMetadata().getName()).doesNotContain(GATEWAY_KEYS);
        assertThat(withoutGateway.operatorEnv()).doesNotContainKey("KUBEZAP_GATEWAY_NAMESPACE");
    }


    @Test
    void operatorRulesUseNoWildcards() throws IOException {
        assertThat(declaredRules()).isNotEmpty().allSatisfy(rule -> assertThat(Stream.of(
                        rule.getApiGroups(), rule.getResources(), rule.getVerbs(), rule.getResourceNames(), rule.getNonResourceURLs())
                .flatMap(List::stream)).as("rule %s", rule).noneMatch(entry -> entry.contains("*")));
    }

    @Test
    void clusterRoleIsBoundToTheOperatorServiceAccount() {
        for (String name : List.of("kubezap-operator", CLUSTER_SCOPED)) {
            ClusterRoleBinding binding = chart.render().one(ClusterRoleBinding.class, name);

            assertThat(binding.getRoleRef().getName()).isEqualTo(name);
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo("kubezap-operator");
                assertThat(subject.getNamespace()).isEqualTo(KubezapChart.NAMESPACE);
            });
        }
    }

    @Test
    void watchedNamespacesGetARoleEachInsteadOfAClusterRole() throws IOException {
        Manifests manifests = chart.render(Map.of("watchNamespaces[0]", "shop", "watchNamespaces[1]", "support"));

        // issue 53 item 9: a Role cannot grant a cluster-scoped resource (StorageClasses): those stay a ClusterRole
        assertThat(manifests.allButGateways(ClusterRole.class)).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getName()).isEqualTo(CLUSTER_SCOPED);
            assertThat(role.getRules()).isEqualTo(clusterScopedRules());
        });
        assertThat(manifests.allButGateways(ClusterRoleBinding.class)).extracting(binding -> binding.getRoleRef().getName())
                .containsExactly(CLUSTER_SCOPED);
        // the release namespace too: the leader-election Lease and the database Secret live there
        List<Role> roles = manifests.allButGateways(Role.class).stream()
                .filter(role -> !role.getMetadata().getName().equals(GATEWAY_KEYS)).toList();
        assertThat(roles).extracting(role -> role.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("shop", "support", KubezapChart.NAMESPACE);
        assertThat(roles).allSatisfy(role -> assertThat(role.getRules()).isEqualTo(declaredRules()));
        assertThat(manifests.allButGateways(RoleBinding.class).stream()
                .filter(binding -> !binding.getMetadata().getName().equals(GATEWAY_KEYS)).toList()).allSatisfy(binding -> {
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getSubjects()).singleElement()
                    .satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo(KubezapChart.NAMESPACE));
        }).extracting(binding -> binding.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("shop", "support", KubezapChart.NAMESPACE);
    }

    private List<PolicyRule> declaredRules() throws IOException {
        return declaredRules("files/operator-clusterrole-rules.yaml");
    }

    private List<PolicyRule> clusterScopedRules() throws IOException {
        return declaredRules("files/operator-cluster-scoped-rules.yaml");
    }

    private List<PolicyRule> declaredRules(String file) throws IOException {
        String rulesFile = Files.readString(chart.file(file));
        return List.of(Serialization.unmarshal(rulesFile, PolicyRule[].class));
    }
}
