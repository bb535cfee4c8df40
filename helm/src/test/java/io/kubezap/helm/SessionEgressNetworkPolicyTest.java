package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What session pods and the gateway may call once NetworkPolicy is on: session pods DNS, PostgreSQL and the internet
 * but not link-local (cloud metadata), the cluster's ranges or the API server, unless a receiver is listed; the
 * gateway DNS, PostgreSQL, session pods and the API server.
 */
class SessionEgressNetworkPolicyTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void sessionPodsReachDnsThePoolerAndTheInternetButNotTheClustersInsides() {
        NetworkPolicy policy = sessionEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "postgresql.pooler.enabled", true))).getFirst();

        assertThat(policy.getMetadata().getName()).isEqualTo("kubezap-session-egress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsExactlyEntriesOf(Map.of("app.kubernetes.io/name", "kubezap-session"));
        List<NetworkPolicyEgressRule> rules = policy.getSpec().getEgress();
        assertThat(rules.getFirst().getPorts()).extracting(port -> port.getPort().getIntVal() + "/" + port.getProtocol())
                .containsExactly("53/UDP", "53/TCP");
        assertThat(rules.getFirst().getTo().getFirst().getPodSelector().getMatchLabels()).containsEntry("k8s-app", "kube-dns");
        assertThat(rules.get(1).getTo()).extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .containsExactly("kubezap-postgresql", "kubezap-pgbouncer");
        assertThat(ipBlocks(rules)).extracting(IPBlock::getCidr).containsExactly("0.0.0.0/0", "::/0");
        assertThat(ipBlocks(rules).getFirst().getExcept())
                .contains("169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");
        assertThat(ipBlocks(rules).get(1).getExcept()).contains("fe80::/10", "fc00::/7");
        assertThat(rules).as("no rule lets everything through on some port").allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
    }

    @Test
    void theApiServerAndListedReceiversAreTheAdminsToName() {
        NetworkPolicy policy = sessionEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "networkPolicy.egress.apiServerCidrs[0]", "203.0.113.10/32",
                "networkPolicy.egress.webhookReceivers[0].to[0].namespaceSelector.matchLabels.team", "hooks",
                "networkPolicy.egress.webhookReceivers[0].ports[0].port", 8080))).getFirst();

        List<NetworkPolicyEgressRule> rules = policy.getSpec().getEgress();
        assertThat(ipBlocks(rules).getFirst().getExcept()).contains("203.0.113.10/32");
        assertThat(rules.getLast().getTo().getFirst().getNamespaceSelector().getMatchLabels()).containsEntry("team", "hooks");
        assertThat(rules.getLast().getPorts().getFirst().getPort().getIntVal()).isEqualTo(8080);
    }

    /** Issue 53 item 15: with tracing.otlpEndpoint set, session pods may reach the collector they export to, on its port. */
    @Test
    void sessionPodsReachTheCollectorTheyExportTo() {
        NetworkPolicyEgressRule collector = sessionEgress(chart.render(Map.of("networkPolicy.enabled", true,
                "tracing.otlpEndpoint", "http://otel-collector.observability:4317"))).getFirst().getSpec().getEgress().getLast();

        assertThat(collector.getTo()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "observability")));
        assertThat(collector.getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(4317);
        assertThat(sessionEgress(chart.render(Map.of("networkPolicy.enabled", true))).getFirst().getSpec().getEgress())
                .as("no collector, no rule for one").hasSize(3);
    }

    @Test
    void theGatewayReachesSessionPodsAndTheApiServerOnly() {
        NetworkPolicy gateway = chart.render(Map.of("networkPolicy.enabled", true,
                "networkPolicy.egress.apiServerCidrs[0]", "203.0.113.10/32")).all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getMetadata().getName().endsWith("gateway-egress")).findFirst().orElseThrow();

        List<NetworkPolicyEgressRule> rules = gateway.getSpec().getEgress();
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getTo().getFirst().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "kubezap-session");
            assertThat(rule.getPorts().getFirst().getPort().getIntVal()).isEqualTo(8080);
        });
        assertThat(rules.getLast().getTo()).extracting(peer -> peer.getIpBlock().getCidr()).containsExactly("203.0.113.10/32");
        assertThat(rules.getLast().getPorts()).extracting(port -> port.getPort().getIntVal()).containsExactly(443, 6443);
        assertThat(ipBlocks(rules)).extracting(IPBlock::getCidr).doesNotContain("0.0.0.0/0");
    }

    @Test
    void offWhenAskedOrWithoutNetworkPolicy() {
        assertThat(sessionEgress(chart.render())).isEmpty();
        Manifests noEgress = chart.render(Map.of("networkPolicy.enabled", true, "networkPolicy.egress.enabled", false));
        assertThat(noEgress.all(NetworkPolicy.class)).allSatisfy(policy -> assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress"));
        assertThat(SessionPolicies.of(noEgress)).singleElement()
                .satisfies(policy -> assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress"));
    }

    private static List<NetworkPolicy> sessionEgress(Manifests manifests) {
        return SessionPolicies.of(manifests).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains("Egress")).toList();
    }

    private static List<IPBlock> ipBlocks(List<NetworkPolicyEgressRule> rules) {
        return rules.stream().flatMap(rule -> rule.getTo().stream()).map(NetworkPolicyPeer::getIpBlock)
                .filter(Objects::nonNull).toList();
    }
}
