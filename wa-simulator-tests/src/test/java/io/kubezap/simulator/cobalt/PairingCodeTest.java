package io.kubezap.simulator.cobalt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class PairingCodeTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aPhoneEnteringTheCompanionsCodeLinksIt() throws Exception {
        var keyStore = KeyStores.fresh();
        var number = Pairing.createPhone(control, "Loja Codigo");
        var client = CobaltClient.unregistered(keyStore);
        var loggedIn = client.api.connect();
        await().atMost(Pairing.QR_WAIT).until(() -> !client.qrCodes.isEmpty());
        var companion = new CodeCompanion(client.api, number);

        var helloAnswer = companion.sendHello();
        assertThat(helloAnswer.attributes().getString("type")).isEqualTo("result");
        assertThat(companion.ref()).isNotEmpty();

        var entered = control.post("/api/phones/" + number + "/pairing-code", Map.of("code", companion.displayedCode()));
        assertThat(entered.status()).isEqualTo(202);
        assertThat(entered.body().get("pairingRef").asText().getBytes()).isEqualTo(companion.ref());

        assertThat(companion.finishAnswer.get(30, TimeUnit.SECONDS).attributes().getString("type")).isEqualTo("result");
        loggedIn.get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.api.store().jid()).hasValueSatisfying(jid -> assertThat(jid.user()).isEqualTo(number));
        var device = control.get("/api/phones/" + number).body().get("devices").get(0);
        assertThat(device.get("status").asText()).isEqualTo("LINKED");
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWrongCodeDoesNotLinkTheCompanion() throws Exception {
        var keyStore = KeyStores.fresh();
        var number = Pairing.createPhone(control, "Loja Codigo");
        var client = CobaltClient.unregistered(keyStore);
        client.api.connect();
        await().atMost(Pairing.QR_WAIT).until(() -> !client.qrCodes.isEmpty());
        var companion = new CodeCompanion(client.api, number);
        companion.sendHello();
        var wrongCode = companion.displayedCode().startsWith("2222") ? "3333-3333" : "2222-2222";

        assertThat(control.post("/api/phones/" + number + "/pairing-code", Map.of("code", wrongCode)).status()).isEqualTo(202);

        var finish = companion.finishAnswer.get(30, TimeUnit.SECONDS);
        assertThat(finish.attributes().getString("type")).isEqualTo("error");
        assertThat(control.get("/api/phones/" + number).body().get("devices")).isEmpty();
        assertThat(client.api.store().jid()).isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCodeWithoutAWaitingCompanionOrOfTheWrongShapeIsRefused() {
        var number = Pairing.createPhone(control, "Loja Codigo");

        assertThat(control.post("/api/phones/" + number + "/pairing-code", Map.of("code", "ABCD-EFGH")).status()).isEqualTo(404);
        assertThat(control.post("/api/phones/" + number + "/pairing-code", Map.of("code", "abc")).status()).isEqualTo(400);
    }
}
