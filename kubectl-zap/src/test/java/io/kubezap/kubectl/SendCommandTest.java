package io.kubezap.kubectl;

import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.GatewayApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl zap send, through each way of reaching a session: the chart's gateway, a gateway URL, the pod. */
class SendCommandTest extends MockClusterTest {

    private static final String SENT = "Message msg_0001 to 5511988887777: queued\n";

    private StandInSessionApi gateway;

    @BeforeEach
    void sessionAndGateway() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", true);
        gateway = new StandInSessionApi(GatewayApi.session("shop", "loja-01"), "gateway-admin-key");
        forwarder.service("kubezap-system", "kubezap-gateway", gateway.url());
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void throughTheInstalledGatewayWithTheChartsAdminKey() {
        cluster.gateway("kubezap-system", "gateway-admin-key");

        ZapRunner.Result result = zap.run("-n", "shop", "send", "loja-01", "--to", "5511988887777", "--text", "Olá!");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(SENT);
        assertThat(forwarder.opened).containsExactly("service/kubezap-system/kubezap-gateway:8080");
        assertThat(forwarder.closed).containsExactly("service/kubezap-system/kubezap-gateway:8080");
        assertThat(gateway.requests).containsExactly("POST /api/v1/namespaces/shop/sessions/loja-01/messages");
        assertThat(gateway.bodies).singleElement().asString().contains("\"to\":\"5511988887777\"", "\"text\":\"Olá!\"");
        assertThat(pod.requests).isEmpty();
    }

    @Test
    void throughAGatewayUrlWithTheKeyFromTheEnvironment() {
        ZapRunner.Result result = zap(Map.of("KUBEZAP_GATEWAY", gateway.url().toString(), "KUBEZAP_GATEWAY_KEY", "gateway-admin-key"))
                .run("send", "loja-01", "-n", "shop", "--to", "5511988887777", "--text", "Olá!");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(SENT);
        assertThat(forwarder.opened).isEmpty();
        assertThat(gateway.requests).containsExactly("POST /api/v1/namespaces/shop/sessions/loja-01/messages");
    }

    @Test
    void throughAPortForwardToThePodWithTheSessionsKeyWhenNoGatewayIsInstalled() {
        ZapRunner.Result result = zap.run("send", "loja-01", "-n", "shop", "--to", "5511988887777", "--text", "Olá!");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(SENT);
        assertThat(forwarder.opened).containsExactly("pod/shop/loja-01-0:8080");
        assertThat(forwarder.closed).containsExactly("pod/shop/loja-01-0:8080");
        assertThat(pod.requests).containsExactly("POST /api/v1/sessions/loja-01/messages");
    }

    @Test
    void aGatewayWhoseKeyCannotBeReadIsPassedByForThePod() {
        cluster.gateway("kubezap-system", null);

        ZapRunner.Result result = zap.run("send", "loja-01", "-n", "shop", "--to", "5511988887777", "--text", "Olá!");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("the gateway kubezap-system/kubezap-gateway is installed but no gateway key");
        assertThat(pod.requests).containsExactly("POST /api/v1/sessions/loja-01/messages");
    }

    @Test
    void directSkipsAnInstalledGateway() {
        cluster.gateway("kubezap-system", "gateway-admin-key");

        ZapRunner.Result result = zap.run("send", "loja-01", "-n", "shop", "--direct", "--to", "5511988887777", "--text", "hi");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(gateway.requests).isEmpty();
        assertThat(pod.requests).containsExactly("POST /api/v1/sessions/loja-01/messages");
    }

    private ZapRunner zap(Map<String, String> environment) {
        return new ZapRunner(server, forwarder, environment);
    }
}
