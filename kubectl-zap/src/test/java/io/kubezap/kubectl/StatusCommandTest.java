package io.kubezap.kubectl;

import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.GatewayApi;
import io.kubezap.contract.SessionState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl zap status: the namespace's sessions as a table, or one session in detail, through port-forwards to the pods. */
class StatusCommandTest extends MockClusterTest {

    @BeforeEach
    void sessions() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", true);
        cluster.resource("shop", "loja-02", SessionPhase.Suspended, null);
        cluster.session("other", "caixa", SessionPhase.WaitingForQR, null, false);
        pod.states(StandInSessionApi.connected("loja-01")
                .withLastError(new SessionState.LastError("StreamError", "stream closed", Instant.parse("2026-11-24T08:00:00Z"))));
        pod.pendingDeliveries = 3;
    }

    @Test
    void aTableOfTheNamespacesSessionsWithTheirBacklogAndLastError() {
        ZapRunner.Result result = zap.run("-n", "shop", "status");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "NAME      PHASE       NUMBER          READY   WEBHOOK BACKLOG   LAST ERROR",
                "loja-01   Connected   5511999999999   True    3                 StreamError: stream closed (2026-11-24T08:00:00Z)",
                "loja-02   Suspended   -               False   -                 -");
        assertThat(forwarder.opened).containsExactly("pod/shop/loja-01-0:8080");
        assertThat(forwarder.closed).containsExactly("pod/shop/loja-01-0:8080");
        assertThat(pod.requests).contains("GET /api/v1/sessions/loja-01/webhooks/deliveries?status=pending&limit=500");
    }

    @Test
    void allNamespacesAddsTheNamespaceColumn() {
        ZapRunner.Result result = zap.run("status", "-A");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(4);
        assertThat(result.out().lines().toList().get(0)).startsWith("NAMESPACE   NAME      PHASE");
        assertThat(result.out().lines().toList().get(1)).startsWith("other       caixa     WaitingForQR   -");
        assertThat(result.out().lines().toList().get(2)).startsWith("shop        loja-01   Connected");
    }

    @Test
    void throughTheGatewayTheLastErrorIsTheOneTheResourceShows() {
        cluster.gateway("kubezap-system", "gateway-admin-key");
        cluster.resource("shop", "loja-03", SessionPhase.Reconnecting, "5511977776666");
        client.resources(WhatsAppSession.class).inNamespace("shop").withName("loja-03").edit(session -> {
            session.getStatus().getConditions().getFirst().setReason("StreamError");
            session.getStatus().getConditions().getFirst().setMessage("stream closed");
            return session;
        });
        try (StandInSessionApi gateway = new StandInSessionApi(GatewayApi.session("shop", "loja-03"), "gateway-admin-key")) {
            gateway.pendingDeliveries = 600;
            forwarder.service("kubezap-system", "kubezap-gateway", gateway.url());

            ZapRunner.Result result = zap.run("status", "loja-03", "-n", "shop");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("Phase:            Reconnecting", "Last error:       StreamError: stream closed",
                    "Webhook backlog:  500+ pending deliveries");
            assertThat(gateway.requests).containsExactly(
                    "GET /api/v1/namespaces/shop/sessions/loja-03/webhooks/deliveries?status=pending&limit=500");
        }
    }

    @Test
    void oneSessionInDetailWithItsConditions() {
        ZapRunner.Result result = zap.run("status", "loja-01", "--namespace", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(
                "Session:          shop/loja-01",
                "Phase:            Connected",
                "Number:           5511999999999 (Loja)",
                "Last error:       StreamError: stream closed (2026-11-24T08:00:00Z)",
                "Webhook backlog:  3 pending deliveries");
        assertThat(result.out()).containsPattern("Ready +True +Connected");
        assertThat(result.out()).containsPattern("Paired +True +Paired");
    }

    @Test
    void aSessionWhosePodIsDownIsStillShownWithWhy() {
        ZapRunner.Result result = zap.run("status", "-n", "other", "caixa");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Phase:            WaitingForQR",
                "Pod:              not reachable: session caixa has no ready pod (phase WaitingForQR)");
    }
}
