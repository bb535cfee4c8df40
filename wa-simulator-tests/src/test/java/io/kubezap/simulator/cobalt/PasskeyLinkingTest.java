package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.ObjectMapper;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A passkey-protected account (WhatsApp since ~2026-06-30, whatsmeow PR #1186): after the phone approves the link, the
 * server asks the companion for a WebAuthn assertion and completes the link only for a valid one. The companion here
 * is unmodified Cobalt 0.0.10 driven at node level, the way the session pod drives it; the control API plays the
 * user's browser.
 */
@Timeout(120)
class PasskeyLinkingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aPasskeyProtectedAccountLinksOnlyAfterAValidAssertionAndALateOrWrongOneMayBeRetried() throws Exception {
        var number = Pairing.createPhone(control, "Loja Passkey");
        var protectedAccount = control.put("/api/phones/" + number + "/passkey", Map.of());
        assertThat(protectedAccount.status()).isEqualTo(201);
        var credentialId = protectedAccount.body().get("credentialId").asText();
        var client = CobaltClient.unregistered(KeyStores.fresh());
        var loggedIn = client.api.connect();
        await().atMost(Pairing.QR_WAIT).until(() -> !client.qrCodes.isEmpty());
        assertThat(control.post("/api/phones/" + number + "/scan", Map.of("qr", client.qrCodes.getFirst())).status()).isEqualTo(200);

        var request = await().atMost(Pairing.QR_WAIT).until(() -> client.nodesReceived.stream()
                .filter(node -> "passkey_prologue_request".equals(node.attributes().getString("type", ""))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        var options = JSON.readTree(content(request.findChild("passkey_request_options").orElseThrow()));
        assertThat(options.get("rpId").asText()).isEqualTo("whatsapp.com");
        assertThat(options.get("userVerification").asText()).isEqualTo("required");
        var challenge = options.get("challenge").asText();
        assertThat(loggedIn).as("no link before the passkey").isNotDone();
        assertThat(client.nodesReceived).noneMatch(node -> node.findChild("pair-success").isPresent());

        var ref = iq(client, "get", Node.of("ref"));
        assertThat(ref.findChild("ref").flatMap(Node::contentAsBytes)).isPresent();

        var forOtherChallenge = assertion(number, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(errorCode(iq(client, "set", prologue(credentialId, forOtherChallenge)))).as("a wrong assertion").isEqualTo("401");
        var fromAnotherSite = JSON.writeValueAsString(control.post("/api/phones/" + number + "/passkey/assertions",
                Map.of("challenge", challenge, "origin", "https://evil.example")).body());
        assertThat(errorCode(iq(client, "set", prologue(credentialId, fromAnotherSite)))).as("an assertion made on another site").isEqualTo("401");

        assertThat(control.post("/api/phones/" + number + "/passkey/challenges/expire", Map.of()).status()).isEqualTo(202);
        assertThat(errorCode(iq(client, "set", prologue(credentialId, assertion(number, challenge))))).as("a late assertion").isEqualTo("408");
        assertThat(loggedIn).isNotDone();

        var fresh = iq(client, "get", Node.of("passkey_request_options"));
        var newChallenge = JSON.readTree(content(fresh.findChild("passkey_request_options").orElseThrow())).get("challenge").asText();
        assertThat(newChallenge).isNotEqualTo(challenge);
        var accepted = iq(client, "set", prologue(credentialId, assertion(number, newChallenge)));
        assertThat(accepted.attributes().getString("type", "")).as("answer %s", accepted).isEqualTo("result");

        loggedIn.get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.api.store().jid().orElseThrow().user()).isEqualTo(number);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAccountWithoutAPasskeyLinksAsBefore() throws Exception {
        var number = Pairing.createPhone(control, "Loja Sem Passkey");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), number);
        assertThat(client.nodesReceived).noneMatch(node -> "passkey_prologue_request".equals(node.attributes().getString("type", "")));
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static String assertion(String number, String challenge) throws Exception {
        var answer = control.post("/api/phones/" + number + "/passkey/assertions", Map.of("challenge", challenge));
        assertThat(answer.status()).isEqualTo(200);
        return JSON.writeValueAsString(answer.body());
    }

    private static Node prologue(String credentialId, String assertionJson) {
        return Node.of("passkey_prologue",
                Node.of("credential_id", credentialId.getBytes(StandardCharsets.UTF_8)),
                Node.of("webauthn_assertion", assertionJson.getBytes(StandardCharsets.UTF_8)),
                Node.of("prologue_payload", new byte[]{1}));
    }

    private static Node iq(CobaltClient client, String type, Node body) throws Exception {
        return client.api.sendNode(Node.of("iq", Map.of("xmlns", "md", "type", type, "to", JidServer.whatsapp().toJid()), body))
                .get(30, TimeUnit.SECONDS);
    }

    private static String errorCode(Node answer) {
        return answer.findChild("error").map(error -> error.attributes().getString("code", "")).orElse("none: " + answer);
    }

    private static String content(Node node) {
        return node.contentAsBytes().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).or(node::contentAsString).orElseThrow();
    }
}
