package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionNetworkPolicyTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void noNetworkPolicyUnlessEnabled() {
        assertThat(chart.render().all(NetworkPolicy.class)).isEmpty();
        assertThat(SessionPolicies.of(chart.render())).isEmpty();
    }

    @Test
    void sessionPodsAcceptApiCallsOnlyFromTheOperatorAndLabelledClients() {
        NetworkPolicy policy = ingress(chart.render(Map.of("networkPolicy.enabled", true))).getFirst();

        assertThat(policy.getMetadata().getName()).isEqualTo("kubezap-session-ingress");
        assertThat(policy.getMetadata().getNamespace()).as("the operator places it in each session namespace").isNull();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsExactlyEntriesOf(Map.of("app.kubernetes.io/name", "kubezap-session"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).first().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort().getIntVal()).isEqualTo(8080);
                assertThat(port.getProtocol()).isEqualTo("TCP");
            });
            assertThat(rule.getFrom()).hasSize(3);
            NetworkPolicyPeer operator = rule.getFrom().get(0);
            assertThat(operator.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "kubezap-operator")
                    .containsEntry("app.kubernetes.io/instance", KubezapChart.RELEASE);
            assertThat(operator.getNamespaceSelector().getMatchLabels())
                    .containsExactlyEntriesOf(Map.of("kubernetes.io/metadata.name", KubezapChart.NAMESPACE));
            NetworkPolicyPeer clients = rule.getFrom().get(1);
            assertThat(clients.getPodSelector().getMatchLabels())
                    .containsExactlyEntriesOf(Map.of("kubezap.io/client", "true"));
            assertThat(clients.getNamespaceSelector()).as("clients from the session's own namespace only").isNull();
            NetworkPolicyPeer gateway = rule.getFrom().get(2);
            assertThat(gateway.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "kubezap-gateway")
                    .containsEntry("app.kubernetes.io/instance", KubezapChart.RELEASE);
            assertThat(gateway.getNamespaceSelector().getMatchLabels())
                    .containsExactlyEntriesOf(Map.of("kubernetes.io/metadata.name", KubezapChart.NAMESPACE));
        });
    }

    @Test
    void prometheusInTheMonitoringNamespaceMayScrapeTheManagementPortOnly(@TempDir Path workDir) throws IOException {
        NetworkPolicy policy = ingress(chart.render(Map.of("networkPolicy.enabled", true))).getFirst();

        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(policy.getSpec().getIngress().get(1)).satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(9000));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector()).isNull();
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsExactlyEntriesOf(Map.of("kubernetes.io/metadata.name", "monitoring"));
            });
        });
        Path values = Files.writeString(workDir.resolve("values.yaml"),
                "networkPolicy: {enabled: true, monitoringNamespaceSelector: null}\n");
        NetworkPolicy noMonitoring = ingress(chart.render(values)).getFirst();
        assertThat(noMonitoring.getSpec().getIngress()).hasSize(1);
    }

    @Test
    void theOperatorSelectorMatchesTheOperatorPods() {
        Manifests manifests = chart.render(Map.of("networkPolicy.enabled", true));
        var operatorPodLabels = manifests.one(Deployment.class, "kubezap-operator")
                .getSpec().getTemplate().getMetadata().getLabels();

        assertThat(operatorPodLabels).containsAllEntriesOf(ingress(manifests).getFirst()
                .getSpec().getIngress().getFirst().getFrom().getFirst().getPodSelector().getMatchLabels());
    }

    /**
     * Issue 53 item 10: the chart renders the session policies into no namespace (it knows only the watched ones, not
     * a tenant's made after install); the operator places them where it runs sessions. Client namespaces still apply.
     */
    @Test
    void theChartPlacesNoSessionPolicyTheOperatorDoesAndClientsMayComeFromSelectedNamespaces() {
        Manifests manifests = chart.render(command -> command
                .withValuesFile(chart.file("ci/networkpolicy-values.yaml"))
                .set("watchNamespaces[1]", "support"));

        assertThat(manifests.all(NetworkPolicy.class)).extracting(policy -> policy.getMetadata().getName())
                .allSatisfy(name -> assertThat(name).contains("gateway"));
        assertThat(ingress(manifests)).singleElement().satisfies(policy ->
                assertThat(policy.getSpec().getIngress().getFirst().getFrom().get(1).getNamespaceSelector().getMatchLabels())
                        .containsExactlyEntriesOf(Map.of("kubezap.io/clients", "allowed")));
    }

    /** The policies guarding the session pods' API (the egress ones are SessionEgressNetworkPolicyTest's). */
    static java.util.List<NetworkPolicy> ingress(Manifests manifests) {
        return SessionPolicies.of(manifests).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains("Ingress")).toList();
    }
}
