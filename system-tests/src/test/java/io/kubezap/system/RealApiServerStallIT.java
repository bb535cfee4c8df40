package io.kubezap.system;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.system.scale.ReconciledSessions;
import io.kubezap.testing.apiserver.TcpRelay;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 84 on a real kube-apiserver: the operator as the chart runs it (leader election on) while a {@link TcpRelay}
 * holds every answer of the API server for 30 s, first from before its start, then mid-run. Each time it stays up
 * and, once the server answers again, converges the session created meanwhile, with no restart. Before, its first
 * lists timed out at 10 s and JOSDK stopped it ("Informer startup error. Operator will be stopped"), and a lease
 * renewal missed for 10 s ended it. The operator's own {@code SlowApiServerTest} proves the same on the fabric8 mock
 * API server. Skips without the binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD).
 */
class RealApiServerStallIT {

    private static final Duration SILENCE = Duration.ofSeconds(30);
    private static final String AT_START = RealOperatorFleet.name(0);
    private static final String MID_RUN = "created-while-silent";

    @Test
    void thirtySecondsOfSilenceAtStartAndMidRunDelayTheOperatorAndNeverStopIt() throws Exception {
        try (RealOperatorFleet fleet = RealOperatorFleet.install("stall", 1);
             TcpRelay relay = TcpRelay.to(URI.create(fleet.server.url()).getPort())) {
            KubernetesClient admin = fleet.server.admin();
            fleet.createAll();

            relay.stall();
            Thread.ofVirtual().start(() -> resumeAfterSilence(relay));
            try (QuarkusProcess operator = fleet.startOperator("operator", "https://127.0.0.1:" + relay.port())) {
                assertThat(fleet.awaitReconciled(operator, Duration.ofMinutes(5))).as("converged after the silence at start").isTrue();

                relay.stall();
                fleet.create(MID_RUN);
                Thread.sleep(SILENCE);
                assertThat(operator.isAlive()).as("alive through the silence mid-run").isTrue();
                relay.resume();

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .failFast("the operator exited", () -> !operator.isAlive())
                        .until(() -> ReconciledSessions.statusWritten(session(admin, MID_RUN)));
                assertThat(session(admin, AT_START)).matches(ReconciledSessions::statusWritten);
            }
        }
    }

    private static void resumeAfterSilence(TcpRelay relay) {
        try {
            Thread.sleep(SILENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.resume();
    }

    private static WhatsAppSession session(KubernetesClient admin, String name) {
        return admin.resources(WhatsAppSession.class).inNamespace(RealOperatorFleet.NAMESPACE).withName(name).get();
    }
}
