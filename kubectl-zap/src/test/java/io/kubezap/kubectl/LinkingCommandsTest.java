package io.kubezap.kubectl;

import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.GatewayApi;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl zap qr and pair: linking a session's phone, straight to its pod. */
class LinkingCommandsTest extends MockClusterTest {

    @BeforeEach
    void session() {
        cluster.session("shop", "loja-01", SessionPhase.WaitingForQR, null, true);
    }

    @Test
    void qrIsDrawnAgainEachTimeItRotatesUntilThePhoneHasLinked() {
        pod.states(StandInSessionApi.waitingForQr("loja-01", "qr-1"), StandInSessionApi.waitingForQr("loja-01", "qr-1"),
                SessionState.starting("loja-01", "shop"), StandInSessionApi.waitingForQr("loja-01", "qr-2"),
                StandInSessionApi.waitingForQr("loja-01", "qr-2"), StandInSessionApi.connected("loja-01"));

        ZapRunner.Result result = zap.run("-n", "shop", "qr", "loja-01", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsOnlyOnce("[terminal QR of qr-1]").containsOnlyOnce("[terminal QR of qr-2]");
        assertThat(result.out().indexOf("qr-1")).isLessThan(result.out().indexOf("qr-2"));
        assertThat(result.out()).contains("expires at 2026-11-24T10:00:00Z")
                .endsWith("Linked: 5511999999999 (Loja)\n");
        assertThat(pod.requests).filteredOn(r -> r.contains("/qr")).containsOnly("GET /api/v1/sessions/loja-01/qr?format=terminal");
    }

    @Test
    void qrThroughTheGatewayReadsItsViewOfTheSession() {
        cluster.gateway("kubezap-system", "gateway-admin-key");
        try (StandInSessionApi gateway = new StandInSessionApi(GatewayApi.session("shop", "loja-01"), "gateway-admin-key")) {
            forwarder.service("kubezap-system", "kubezap-gateway", gateway.url());
            gateway.states(gatewayView("Pending", null, null), gatewayView("WaitingForQR", "qr-1", null),
                    gatewayView("Connected", null, Map.of("jid", "5511999999999@s.whatsapp.net", "phoneNumber", "5511999999999")));

            ZapRunner.Result result = zap.run("qr", "loja-01", "-n", "shop", "--poll-interval", "PT0.01S");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsOnlyOnce("[terminal QR of qr-1]").endsWith("Linked: 5511999999999\n");
            assertThat(pod.requests).isEmpty();
        }
    }

    @Test
    void theChartsAdminKeyIsReadInTheKeysNamespaceTheGatewayNames() {
        cluster.gateway("kubezap-system", "kubezap-system-gateway-keys", "gateway-admin-key");
        try (StandInSessionApi gateway = new StandInSessionApi(GatewayApi.session("shop", "loja-01"), "gateway-admin-key")) {
            forwarder.service("kubezap-system", "kubezap-gateway", gateway.url());
            gateway.states(gatewayView("Connected", null, Map.of("jid", "5511999999999@s.whatsapp.net", "phoneNumber", "5511999999999")));

            ZapRunner.Result result = zap.run("qr", "loja-01", "-n", "shop", "--poll-interval", "PT0.01S");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).doesNotContain("going to the session pod directly");
            assertThat(pod.requests).isEmpty();
        }
    }

    /** What the gateway answers for GET /namespaces/{ns}/sessions/{name}: the resource's status and spec (SessionView). */
    static Map<String, Object> gatewayView(String phase, String qr, Map<String, String> account) {
        Map<String, Object> view = new HashMap<>(Map.of("name", "loja-01", "namespace", "shop", "phase", phase,
                "spec", Map.of("pairing", Map.of("method", "QR")), "labels", Map.of(),
                "createdAt", "2026-11-24T09:00:00Z", "reconnects", 0,
                "conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", phase))));
        if (qr != null) {
            // the gateway tells that a QR waits, not the code; the code is what the pod behind it serves on …/qr
            view.put("pairing", Map.of("method", "QR", "secretName", "loja-01-pairing", "expiresAt", "2026-11-24T10:00:00Z"));
            view.put(StandInSessionApi.QR_BEHIND_THE_GATEWAY, qr);
        }
        if (account != null) {
            view.put("account", account);
            view.put("lastConnectedAt", "2026-11-24T09:30:00Z");
        }
        return view;
    }

    @Test
    void qrGivesUpAfterItsTimeoutWithANonZeroExit() {
        pod.states(StandInSessionApi.waitingForQr("loja-01", "qr-1"));

        ZapRunner.Result result = zap.run("qr", "loja-01", "-n", "shop", "--timeout", "PT0.3S", "--poll-interval", "PT0.05S");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).containsOnlyOnce("[terminal QR of qr-1]");
        assertThat(result.err()).isEqualTo("error: session loja-01 not linked after PT0.3S (phase WaitingForQR)\n");
    }

    @Test
    void qrStopsWithTheReasonWhenTheSessionFails() {
        pod.states(SessionState.starting("loja-01", "shop").withPhase(PodPhase.Failed)
                .withLastError(new SessionState.LastError("Banned", "number banned", StandInSessionApi.EXPIRES)));

        ZapRunner.Result result = zap.run("qr", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: session loja-01 failed: Banned: number banned\n");
    }

    @Test
    void pairPrintsTheCodeForThePhone() {
        ZapRunner.Result result = zap.run("pair", "loja-01", "-n", "shop", "--phone", "5511988887777");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Pairing code: ABCD-EFGH (expires at 2026-11-24T10:00:00Z)\n");
        assertThat(pod.requests).containsExactly("POST /api/v1/sessions/loja-01/pairing-code");
        assertThat(pod.bodies).containsExactly("{\"phoneNumber\":\"5511988887777\"}");
    }
}
