package io.kubezap.kubectl;

import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.GatewayApi;
import io.kubezap.contract.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl zap link: the whole link in a terminal, QR or pairing code, then the passkey WhatsApp may ask for. */
class LinkCommandTest extends MockClusterTest {

    private static final String ASSERTION = "{\"id\":\"cred\",\"rawId\":\"cred\",\"type\":\"public-key\",\"response\":"
            + "{\"clientDataJSON\":\"Y2Q\",\"authenticatorData\":\"YWQ\",\"signature\":\"c2ln\"}}";

    @BeforeEach
    void session() {
        cluster.session("shop", "loja-01", SessionPhase.WaitingForQR, null, true);
    }

    @Test
    void showsTheQrThenTheBrowserSnippetAndSendsThePastedAnswerUntilLinked() {
        pod.states(StandInSessionApi.waitingForQr("loja-01", "qr-1"), StandInSessionApi.waitingForPasskey("loja-01", "c-1"),
                StandInSessionApi.connected("loja-01"));

        ZapRunner.Result result = zap.runWithInput(ASSERTION + "\n", "-n", "shop", "link", "loja-01", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsOnlyOnce("[terminal QR of qr-1]")
                .contains("web.whatsapp.com")
                .containsOnlyOnce("PublicKeyCredential.parseRequestOptionsFromJSON({\"challenge\":\"c-1\",\"rpId\":\"whatsapp.com\"})")
                .contains("console.log(JSON.stringify(credential.toJSON()))")
                .endsWith("Linked: 5511999999999 (Loja)\n");
        assertThat(result.out().indexOf("qr-1")).isLessThan(result.out().indexOf("c-1"));
        assertThat(pod.requests).contains("GET /api/v1/sessions/loja-01/pairing/passkey", "POST /api/v1/sessions/loja-01/pairing/passkey");
        assertThat(pod.bodies).containsExactly(ASSERTION);
    }

    @Test
    void aRefusedAnswerIsSaidAndTheSameChallengeIsAnsweredAgain() {
        pod.passkeyAnswers.add(Problem.of("passkey-assertion-refused", "Passkey assertion refused", 422,
                "WhatsApp refused the assertion (signature does not verify). The link still waits: answer again", null));
        pod.passkeyAnswers.add(null);
        pod.states(StandInSessionApi.waitingForPasskey("loja-01", "c-1"), StandInSessionApi.waitingForPasskey("loja-01", "c-1"),
                StandInSessionApi.connected("loja-01"));

        ZapRunner.Result result = zap.runWithInput("{\"wrong\":\n true}\n" + ASSERTION + "\n",
                "-n", "shop", "link", "loja-01", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsOnlyOnce("\"challenge\":\"c-1\"")
                .contains("Refused: Passkey assertion refused: WhatsApp refused the assertion (signature does not verify)")
                .contains("Try again with the same challenge")
                .endsWith("Linked: 5511999999999 (Loja)\n");
        assertThat(pod.bodies).containsExactly("{\"wrong\":\n true}", ASSERTION);
    }

    @Test
    void aLateAnswerSaysANewChallengeFollowsAndShowsIt() {
        pod.passkeyAnswers.add(Problem.of("passkey-challenge-expired", "Passkey challenge expired", 410,
                "The challenge expired before WhatsApp got the assertion", null));
        pod.states(StandInSessionApi.waitingForPasskey("loja-01", "c-1"), StandInSessionApi.waitingForPasskey("loja-01", "c-2"),
                StandInSessionApi.connected("loja-01"));

        ZapRunner.Result result = zap.runWithInput(ASSERTION + "\n" + ASSERTION + "\n",
                "-n", "shop", "link", "loja-01", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Too late: Passkey challenge expired: The challenge expired before WhatsApp got the assertion\nA new challenge follows")
                .containsOnlyOnce("\"challenge\":\"c-1\"").containsOnlyOnce("\"challenge\":\"c-2\"")
                .endsWith("Linked: 5511999999999 (Loja)\n");
        assertThat(result.out().indexOf("c-1")).isLessThan(result.out().indexOf("c-2"));
        assertThat(pod.bodies).hasSize(2);
    }

    @Test
    void throughTheGatewayTheChallengeIsReadAndAnsweredThere() {
        cluster.gateway("kubezap-system", "gateway-admin-key");
        try (StandInSessionApi gateway = new StandInSessionApi(GatewayApi.session("shop", "loja-01"), "gateway-admin-key")) {
            forwarder.service("kubezap-system", "kubezap-gateway", gateway.url());
            Map<String, Object> waiting = LinkingCommandsTest.gatewayView("WaitingForPasskey", null, null);
            waiting.put(StandInSessionApi.PASSKEY_BEHIND_THE_GATEWAY, StandInSessionApi.waitingForPasskey("loja-01", "c-9").passkey());
            gateway.states(waiting, LinkingCommandsTest.gatewayView("Connected", null,
                    Map.of("jid", "5511999999999@s.whatsapp.net", "phoneNumber", "5511999999999")));

            ZapRunner.Result result = zap.runWithInput(ASSERTION + "\n", "-n", "shop", "link", "loja-01", "--poll-interval", "PT0.01S");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsOnlyOnce("\"challenge\":\"c-9\"").endsWith("Linked: 5511999999999\n");
            assertThat(gateway.requests).contains("POST /api/v1/namespaces/shop/sessions/loja-01/pairing/passkey");
            assertThat(gateway.bodies).containsExactly(ASSERTION);
            assertThat(pod.requests).isEmpty();
        }
    }

    @Test
    void withAPhoneItAsksForThePairingCodeAndPrintsIt() {
        pod.states(StandInSessionApi.waitingForPairingCode("loja-01"), StandInSessionApi.connected("loja-01"));

        ZapRunner.Result result = zap.run("-n", "shop", "link", "loja-01", "--phone", "5511988887777", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsOnlyOnce("Pairing code: ABCD-EFGH (expires at 2026-11-24T10:00:00Z)")
                .endsWith("Linked: 5511999999999 (Loja)\n");
        assertThat(pod.requests).containsOnlyOnce("POST /api/v1/sessions/loja-01/pairing-code");
    }

    @Test
    void aSessionLinkingByPairingCodeShowsItsCodeOnce() {
        var waiting = StandInSessionApi.waitingForPairingCode("loja-01").withCodes(null, new ExpiringCode("WXYZ-1234", StandInSessionApi.EXPIRES));
        pod.states(waiting, waiting, StandInSessionApi.connected("loja-01"));

        ZapRunner.Result result = zap.run("-n", "shop", "link", "loja-01", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsOnlyOnce("Pairing code: WXYZ-1234 (expires at 2026-11-24T10:00:00Z)")
                .endsWith("Linked: 5511999999999 (Loja)\n");
        assertThat(pod.requests).doesNotContain("POST /api/v1/sessions/loja-01/pairing-code");
    }

    @Test
    void anInputThatEndsWithoutAnAnswerStopsWithAClearError() {
        pod.states(StandInSessionApi.waitingForPasskey("loja-01", "c-1"));

        ZapRunner.Result result = zap.runWithInput("", "-n", "shop", "link", "loja-01", "--poll-interval", "PT0.01S");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: standard input ended before the passkey's answer (paste the line the browser tab printed)\n");
        assertThat(pod.requests).doesNotContain("POST /api/v1/sessions/loja-01/pairing/passkey");
    }
}
