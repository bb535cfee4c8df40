package io.kubezap.simulator.cobalt;

import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.protobuf.ProtobufReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phone may name any {@code url}/{@code directPath} and declare any length in its media message, as a hostile
 * contact can (the locator is inside the end-to-end encrypted message, WhatsApp cannot vet it): what the control API
 * is given is what the message carries; the file is uploaded all the same.
 */
@Timeout(60)
class HostileMediaLocatorTest {
    private static final String SENDER = "5511977770101";
    private static final String RECIPIENT = "5511977770102";

    private final ControlClient control = new ControlClient(SimulatorFixture.simulator().controlUrl());

    @BeforeAll
    static void phones() {
        var control = new ControlClient(SimulatorFixture.simulator().controlUrl());
        control.post("/api/phones", Map.of("number", SENDER, "pushName", "Atacante"));
        control.post("/api/phones", Map.of("number", RECIPIENT, "pushName", "Loja"));
    }

    @Test
    void theMessageNamesTheUrlThePhoneChoseAndNoDirectPath() {
        var media = send(Map.of("data", base64(new byte[100]), "url", "http://169.254.169.254/latest/meta-data/", "directPath", ""));

        assertThat(media.url()).isEqualTo("http://169.254.169.254/latest/meta-data/");
        assertThat(media.directPath()).isNull();
        assertThat(media.fileLength()).isEqualTo(100);
    }

    @Test
    void theDeclaredLengthIsThePhonesAndTheUploadsLocatorStays() {
        var media = send(Map.of("data", base64(new byte[5000]), "fileLength", 10));

        assertThat(media.fileLength()).isEqualTo(10);
        assertThat(media.url()).startsWith("https://mmg.whatsapp.net/");
        assertThat(media.directPath()).startsWith("/v/");
    }

    private MediaMessage send(Map<String, Object> media) {
        var sent = control.post("/api/phones/" + SENDER + "/messages", Map.of("to", RECIPIENT, "type", "document", "media", media));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        var received = SimulatorFixture.simulator().phones().find(RECIPIENT).orElseThrow()
                .findReceived(sent.body().get("id").asText()).orElseThrow();
        return MediaMessage.parse(ProtobufReader.read(received.message())).orElseThrow();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
