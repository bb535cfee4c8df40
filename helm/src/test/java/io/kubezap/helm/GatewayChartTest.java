package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The gateway in the chart: on by default, two replicas behind a Service, RBAC limited to what it does. */
class GatewayChartTest {

    private static final String KEYS_NAMESPACE = KubezapChart.NAMESPACE + "-gateway-keys";

    private static final String GATEWAY = "kubezap-gateway";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void defaultInstallRunsTwoRestrictedGatewayReplicasBehindAService() {
        Manifests manifests = chart.render();

        Deployment deployment = manifests.one(Deployment.class, GATEWAY);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(GATEWAY);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container container = pod.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("ghcr.io/kubezap/gateway:0.2.0");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(env(container)).containsEntry("KUBEZAP_NAMESPACE", KubezapChart.NAMESPACE)
                .containsEntry("KUBEZAP_GATEWAY_KEYS_NAMESPACE", KEYS_NAMESPACE)
                .doesNotContainKey("KUBEZAP_GATEWAY_NAMESPACES");

        Service service = manifests.one(Service.class, GATEWAY);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).extracting(port -> port.getName() + "=" + port.getPort())
                .containsExactly("http=8080", "management=9000");
        assertThat(manifests.all(Ingress.class)).isEmpty();
        assertThat(manifests.one(ServiceAccount.class, GATEWAY)).isNotNull();
    }

    @Test
    void theInstallCreatesAnAdminKeyTheGatewayRecognisesAndAnUpgradeKeepsIt() {
        Secret key = chart.render().one(Secret.class, GATEWAY + "-admin-key");

        assertThat(key.getMetadata().getLabels()).containsEntry("kubezap.io/gateway-key", "true");
        assertThat(key.getStringData()).containsEntry("role", "admin").containsEntry("namespaces", "*");
        assertThat(key.getStringData().get("key")).hasSize(40);

        String namespace = "gateway-installed-before";
        chart.cluster().add(new SecretBuilder().withNewMetadata().withName(GATEWAY + "-admin-key")
                .withNamespace(namespace).endMetadata()
                .addToData("key", Base64.getEncoder().encodeToString("key-from-the-first-install".getBytes()))
                .build());
        Secret upgraded = chart.render(command -> command.withNamespace(namespace)).one(Secret.class, GATEWAY + "-admin-key");
        assertThat(upgraded.getStringData()).as("the key an earlier chart kept in the release namespace")
                .containsEntry("key", "key-from-the-first-install");
        assertThat(upgraded.getMetadata().getNamespace()).isEqualTo(namespace + "-gateway-keys");
    }

    @Test
    void rbacGrantsTheGatewayOnlyWhatItUses() {
        Manifests manifests = chart.render();

        assertThat(rules(manifests.one(ClusterRole.class, GATEWAY + "-sessions"))).containsOnly(
                entry("kubezap.io/whatsappsessions", List.of("get", "list", "watch", "create", "update", "delete")));
        assertThat(rules(manifests.one(ClusterRole.class, GATEWAY + "-reviews"))).containsOnly(
                entry("authentication.k8s.io/tokenreviews", List.of("create")),
                entry("authorization.k8s.io/subjectaccessreviews", List.of("create")));
        Role keys = manifests.one(Role.class, GATEWAY + "-keys");
        assertThat(keys.getMetadata().getNamespace()).isEqualTo(KEYS_NAMESPACE);
        // its own keys and the operator's copies of the pods' keys, watched; a copy not yet cached is read by name; a
        // Warning Event on a key near its expiry
        assertThat(rules(keys)).containsOnly(entry("/secrets", List.of("get", "list", "watch")),
                entry("/events", List.of("get", "create")));

        for (String name : List.of(GATEWAY + "-sessions", GATEWAY + "-reviews")) {
            assertThat(manifests.one(ClusterRoleBinding.class, name).getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo(GATEWAY);
                assertThat(s.getNamespace()).isEqualTo(KubezapChart.NAMESPACE);
            });
        }
        assertThat(manifests.one(RoleBinding.class, GATEWAY + "-keys").getSubjects().getFirst().getName())
                .isEqualTo(GATEWAY);
    }

    /**
     * Issue 35, item 5, and issue 51, item 6: whoever holds the gateway's token reads no Secret outside the namespace of
     * the gateway's keys — Kubernetes cannot narrow a list or watch to a label, so the gateway holds no Secret verb
     * anywhere else: not where sessions live, and not in the release namespace, where the database superuser's Secret
     * is. The operator copies the sessions' keys there, the admin key is generated there, and nothing else is.
     */
    @Test
    void theGatewayMayReadSecretsOnlyInTheNamespaceOfItsKeys() {
        for (Manifests manifests : List.of(chart.render(),
                chart.render(Map.of("watchNamespaces[0]", "shop", "watchNamespaces[1]", "support")))) {
            List<ClusterRole> clusterRoles = manifests.all(ClusterRole.class).stream().filter(Manifests::isGateways).toList();
            assertThat(clusterRoles).isNotEmpty().allSatisfy(role -> assertThat(role.getRules())
                    .noneMatch(rule -> rule.getResources().contains("secrets") || rule.getResources().contains("*")));
            assertThat(manifests.all(Role.class).stream().filter(Manifests::isGateways)
                    .filter(role -> role.getRules().stream().anyMatch(rule -> rule.getResources().contains("secrets"))))
                    .extracting(role -> role.getMetadata().getNamespace()).containsOnly(KEYS_NAMESPACE);
            assertThat(manifests.all(Secret.class)).filteredOn(secret -> KEYS_NAMESPACE.equals(secret.getMetadata().getNamespace()))
                    .extracting(secret -> secret.getMetadata().getName()).containsOnly(GATEWAY + "-admin-key");
            assertThat(manifests.all(Namespace.class)).extracting(namespace -> namespace.getMetadata().getName())
                    .containsOnly(KEYS_NAMESPACE);
            assertThat(manifests.operatorEnv()).containsEntry("KUBEZAP_GATEWAY_NAMESPACE", KEYS_NAMESPACE);
        }
    }

    @Test
    void withWatchedNamespacesTheGatewayReadsSessionsOnlyThere() {
        Manifests manifests = chart.render(Map.of("watchNamespaces[0]", "shop", "watchNamespaces[1]", "support"));

        assertThat(manifests.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder(GATEWAY + "-reviews", "kubezap-view", "kubezap-edit", "kubezap-operator-cluster-scoped");
        assertThat(manifests.all(Role.class)).filteredOn(r -> r.getMetadata().getName().equals(GATEWAY + "-sessions"))
                .extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("shop", "support");
        assertThat(env(manifests.one(Deployment.class, GATEWAY).getSpec().getTemplate().getSpec().getContainers()
                .getFirst())).containsEntry("KUBEZAP_GATEWAY_NAMESPACES", "shop,support");
    }

    @Test
    void anIngressCanExposeTheGateway() {
        Ingress ingress = chart.render(Map.of("gateway.ingress.enabled", true,
                "gateway.ingress.host", "wa.example.com", "gateway.ingress.className", "nginx")).one(Ingress.class, GATEWAY);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("wa.example.com");
            assertThat(rule.getHttp().getPaths().getFirst().getBackend().getService().getName()).isEqualTo(GATEWAY);
        });
    }

    @Test
    void theGatewayReadsTheSessionsDatabaseDirectlyAndSharesOneStreamTokenKey() {
        Manifests manifests = chart.render();
        Container container = manifests.one(Deployment.class, GATEWAY).getSpec().getTemplate().getSpec()
                .getContainers().getFirst();
        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

        // directly (it LISTENs, which a transaction pooler cannot carry), at the server the admin's URL names, but as
        // the read-only role itself with its own password: never with the admin's credential
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("jdbc-uri");
        assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").getValue()).isEqualTo("kubezap_gateway");
        String passwordSecret = env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName();
        assertThat(passwordSecret).isEqualTo(GATEWAY + "-database")
                .isNotEqualTo(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValueFrom().getSecretKeyRef().getName());
        assertThat(manifests.one(Secret.class, passwordSecret).getStringData().get("password")).hasSize(40);
        assertThat(env.get("KUBEZAP_GATEWAY_DATABASE_POOL_MAX").getValue()).isEqualTo("2");
        String tokenKeySecret = env.get("KUBEZAP_GATEWAY_STREAM_TOKEN_KEY").getValueFrom().getSecretKeyRef().getName();
        assertThat(manifests.one(Secret.class, tokenKeySecret).getStringData().get("key")).hasSize(48);

        assertThat(chart.render(Map.of("gateway.database.enabled", false)).one(Deployment.class, GATEWAY)
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .extracting(EnvVar::getName).doesNotContain("QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void gatewayReplicasThatCannotFitTheReservedConnectionsAreRefused() {
        assertThatThrownBy(() -> chart.render(Map.of("gateway.replicas", 4)))
                .hasMessageContaining("gateway.replicas (4)").hasMessageContaining("database.reservedConnections (10)");
        assertThat(chart.render(Map.of("gateway.replicas", 4, "database.reservedConnections", 15))
                .one(Deployment.class, GATEWAY).getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void gatewayEnabledFalseRendersNoGatewayObject() {
        Manifests manifests = chart.render(Map.of("gateway.enabled", false));

        assertThat(manifests.all(io.fabric8.kubernetes.api.model.HasMetadata.class))
                .noneMatch(Manifests::isGateways);
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .doesNotContain(GATEWAY);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName,
                e -> e.getValue() == null ? "" : e.getValue()));
    }

    private static Map<String, List<String>> rules(ClusterRole role) {
        return rules(role.getRules());
    }

    private static Map<String, List<String>> rules(Role role) {
        return rules(role.getRules());
    }

    private static Map<String, List<String>> rules(List<PolicyRule> rules) {
        return rules.stream().flatMap(rule -> rule.getResources().stream()
                        .map(resource -> Map.entry(rule.getApiGroups().getFirst() + "/" + resource, rule.getVerbs())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
