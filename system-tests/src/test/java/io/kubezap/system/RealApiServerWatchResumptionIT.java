package io.kubezap.system;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.system.scale.ReconciledSessions;
import io.kubezap.testing.apiserver.ApiServerSettings;
import io.kubezap.testing.apiserver.AuditedRequest;
import io.kubezap.testing.apiserver.TcpRelay;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator cut off from a real kube-apiserver (its connections through a {@link TcpRelay}, cut) while a user
 * suspends one session, creates another and deletes a third, and etcd is compacted past every revision the operator
 * has seen: when the connection is back, its watches cannot resume (410 Gone: the server runs without a watch cache,
 * so etcd itself answers them, as it does any watch older than the cache), it lists again and applies all three
 * changes. Skips without the binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD).
 */
class RealApiServerWatchResumptionIT {

    private static final String SUSPENDED = RealOperatorFleet.name(0);
    private static final String DELETED = RealOperatorFleet.name(1);
    private static final String ADDED = "added-while-cut-off";

    @Test
    void afterCompactionTheOperatorListsAgainAndAppliesWhatChangedWhileItWasCutOff() throws Exception {
        ApiServerSettings etcdServesWatches = ApiServerSettings.DEFAULTS.withAuditLog().withFlags("--watch-cache=false");
        try (RealOperatorFleet fleet = RealOperatorFleet.install("watch", 3, etcdServesWatches);
             TcpRelay relay = TcpRelay.to(URI.create(fleet.server.url()).getPort())) {
            KubernetesClient admin = fleet.server.admin();
            fleet.createAll();
            try (QuarkusProcess operator = fleet.startOperator("operator", "https://127.0.0.1:" + relay.port())) {
                assertThat(fleet.awaitReconciled(operator, Duration.ofMinutes(5))).as("reconciled before the cut").isTrue();
                String seenBeforeTheCut = admin.resources(WhatsAppSession.class).inNamespace(RealOperatorFleet.NAMESPACE)
                        .list().getMetadata().getResourceVersion();

                relay.cut();
                admin.resources(WhatsAppSession.class).inNamespace(RealOperatorFleet.NAMESPACE).withName(SUSPENDED)
                        .edit(session -> {
                            session.getSpec().setSuspend(true);
                            return session;
                        });
                fleet.create(ADDED);
                admin.resources(WhatsAppSession.class).inNamespace(RealOperatorFleet.NAMESPACE).withName(DELETED).delete();
                long compacted = fleet.server.etcd().compact();
                assertThat(compacted).as("compacted past what the operator saw").isGreaterThan(Long.parseLong(seenBeforeTheCut));
                Instant restored = Instant.now();
                relay.restore();

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .failFast("the operator exited", () -> !operator.isAlive())
                        .untilAsserted(() -> {
                            assertThat(session(admin, ADDED)).as("the session created while cut off").matches(ReconciledSessions::statusWritten);
                            assertThat(statefulSet(admin, ADDED)).as("its StatefulSet").isNotNull();
                            assertThat(statefulSet(admin, SUSPENDED).getSpec().getReplicas()).as("the suspended session's pod count").isZero();
                            assertThat(session(admin, SUSPENDED).getStatus().getPhase()).isEqualTo(SessionPhase.Suspended);
                            assertThat(session(admin, DELETED)).as("the session deleted while cut off").isNull();
                        });
                List<AuditedRequest> after = fleet.operatorRequests(restored);
                List<AuditedRequest> resumed = after.stream().filter(r -> r.verb().equals("watch")
                        && r.resource().equals("whatsappsessions") && r.query("resourceVersion")
                        .filter(version -> Long.parseLong(version) < compacted - 1).isPresent()).toList();
                assertThat(resumed).as("the operator's watch resumed from a compacted version (answered 410); its "
                        + "requests after the cut: %s", RealOperatorFleet.byKind(after)).isNotEmpty();
                assertThat(RealOperatorFleet.lists(after, "whatsappsessions").stream()
                        .filter(list -> list.received().isAfter(resumed.getFirst().received())))
                        .as("then listed its sessions again").isNotEmpty();
            }
        }
    }

    private static WhatsAppSession session(KubernetesClient admin, String name) {
        return admin.resources(WhatsAppSession.class).inNamespace(RealOperatorFleet.NAMESPACE).withName(name).get();
    }

    private static StatefulSet statefulSet(KubernetesClient admin, String name) {
        return admin.apps().statefulSets().inNamespace(RealOperatorFleet.NAMESPACE).withName(name).get();
    }
}
