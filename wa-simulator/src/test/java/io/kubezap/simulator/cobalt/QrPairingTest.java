package io.kubezap.simulator.cobalt;

import io.kubezap.simulator.WaSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class QrPairingTest {
    private static WaSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = SimulatorFixture.simulator();
    }

    @Test
    void cobaltLinksByQrAndLogsInWithThePhonesJid(@TempDir Path keyStore) throws Exception {
        var phone = simulator.phones().create("5511912345678", "Loja Centro");
        var client = CobaltClient.unregistered(keyStore, UUID.randomUUID());
        var loggedIn = client.api.connect();

        await().atMost(Duration.ofSeconds(30)).until(() -> !client.qrCodes.isEmpty());
        var qr = client.qrCodes.getFirst();
        var refs = simulator.chatServer().sessions().stream().flatMap(s -> s.qrRefs().stream()).toList();
        assertThat(refs).hasSizeGreaterThan(1).contains(qr.split(",")[0]);

        simulator.chatServer().scan(phone.number(), qr);

        loggedIn.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(client.api.store().jid()).hasValueSatisfying(jid -> {
            assertThat(jid.user()).isEqualTo("5511912345678");
            assertThat(jid.device()).isPositive();
        });
        assertThat(client.logins.get()).isEqualTo(1);
        client.api.disconnect().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
