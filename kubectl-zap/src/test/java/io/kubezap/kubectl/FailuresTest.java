package io.kubezap.kubectl;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.Problem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes wrong is said in one line on stderr, with exit code 1. */
class FailuresTest extends MockClusterTest {

    @Test
    void noSuchSession() {
        assertFails(zap.run("send", "nope", "-n", "shop", "--to", "5511988887777", "--text", "x"),
                "error: session nope not found in namespace shop\n");
    }

    @Test
    void noKeySecret() {
        cluster.resource("shop", "loja-01", SessionPhase.Starting, null);

        assertFails(zap.run("pair", "loja-01", "-n", "shop", "--phone", "5511988887777"),
                "error: session loja-01 has no API key: Secret shop/loja-01-api-key not found "
                        + "(the operator creates it; is the operator running?)\n");
    }

    @Test
    void podNotReady() {
        cluster.session("shop", "loja-01", SessionPhase.Starting, null, false);

        assertFails(zap.run("qr", "loja-01", "-n", "shop"),
                "error: session loja-01 has no ready pod (phase Starting); see kubectl zap logs loja-01\n");
        assertThat(forwarder.opened).isEmpty();
    }

    @Test
    void theSessionsProblemIsShown() {
        cluster.session("shop", "loja-01", SessionPhase.WaitingForQR, null, true);
        pod.sendProblem = Problem.of("not-paired", "Session not paired", 409, "link a phone first", null);

        assertFails(zap.run("send", "loja-01", "-n", "shop", "--to", "5511988887777", "--text", "x"),
                "error: session loja-01: HTTP 409 from /api/v1/sessions/loja-01/messages: Session not paired: link a phone first\n");
    }

    @Test
    void aGatewayUrlWithoutAKey() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, null, true);

        assertFails(zap.run("send", "loja-01", "-n", "shop", "--gateway", "http://127.0.0.1:1", "--to", "1", "--text", "x"),
                "error: a gateway URL needs a gateway key: --gateway-key or KUBEZAP_GATEWAY_KEY\n");
    }

    @Test
    void whatTheApiServerRefuses() {
        server.expect().get().withPath("/apis/kubezap.io/v1alpha1/namespaces/shop/whatsappsessions/loja-01")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                        "whatsappsessions.kubezap.io \"loja-01\" is forbidden: User \"ana\" cannot get resource").build())
                .once();

        assertFails(zap.run("status", "loja-01", "-n", "shop"),
                "error: whatsappsessions.kubezap.io \"loja-01\" is forbidden: User \"ana\" cannot get resource\n");
    }

    @Test
    void noApiServer() {
        ZapRunner unreachable = new ZapRunner(() -> new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build(), forwarder, Map.of());

        ZapRunner.Result result = unreachable.run("status", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot reach the Kubernetes API server (").hasLineCount(1);
    }

    private static void assertFails(ZapRunner.Result result, String error) {
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(error);
        assertThat(result.out()).isEmpty();
    }
}
