package io.kubezap.simulator.cobalt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Links a fresh Cobalt client to a new simulated phone by QR, through the control API. */
final class Pairing {
    static final Duration QR_WAIT = Duration.ofSeconds(30);
    static final long LOGIN_WAIT_SECONDS = 60;

    private Pairing() {
    }

    static String newPhoneNumber() {
        return "5511" + (900_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));
    }

    static String createPhone(ControlClient control, String pushName) {
        var number = newPhoneNumber();
        var created = control.post("/api/phones", Map.of("number", number, "pushName", pushName));
        assertThat(created.status()).isEqualTo(201);
        return number;
    }

    static CobaltClient pairNewClient(ControlClient control, Path keyStore, String number) throws Exception {
        return pairNewClient(control, CobaltClient.unregistered(keyStore), number);
    }

    static CobaltClient pairNewClient(ControlClient control, CobaltClient client, String number) throws Exception {
        var loggedIn = client.api.connect();
        await().atMost(QR_WAIT).until(() -> !client.qrCodes.isEmpty());
        var scan = control.post("/api/phones/" + number + "/scan", Map.of("qr", client.qrCodes.getFirst()));
        assertThat(scan.status()).as("scan answer %s", scan.body()).isEqualTo(200);
        try {
            loggedIn.get(LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException timeout) {
            throw new AssertionError("Cobalt did not log in; Cobalt errors " + client.errors + ", disconnects " + client.disconnects
                    + ", server connections " + control.get("/api/connections").body(), timeout);
        }
        return client;
    }

    static int deviceId(CobaltClient client) {
        return client.api.store().jid().orElseThrow().device();
    }
}
