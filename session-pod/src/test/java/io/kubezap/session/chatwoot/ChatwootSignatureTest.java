package io.kubezap.session.chatwoot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chatwoot's webhook signature: {@code sha256=} and the hex HMAC-SHA256 of {@code <timestamp>.<raw body>}. The expected
 * value was computed apart from this code, with
 * {@code printf '1795600000.{"event":"message_created","id":7}' | openssl dgst -sha256 -hmac 'cw-inbox-secret'}.
 */
class ChatwootSignatureTest {

    private static final String TIMESTAMP = "1795600000";
    private static final byte[] BODY = "{\"event\":\"message_created\",\"id\":7}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNED = "sha256=9f5a23cdb58b23331618dabda3de5404104e07559c18dc1bb4f3887ed45930fa";
    private static final Instant NOW = Instant.ofEpochSecond(1795600000L + 60);

    private final ChatwootSignature signature = new ChatwootSignature("cw-inbox-secret");

    @Test
    void theSignatureOfTheTimestampAndBodyIsAccepted() {
        assertThat(signature.valid(TIMESTAMP, SIGNED, BODY, NOW)).isTrue();
    }

    @Test
    void anotherSecretsSignatureIsRefused() {
        assertThat(new ChatwootSignature("another-secret").valid(TIMESTAMP, SIGNED, BODY, NOW)).isFalse();
    }

    @Test
    void anAlteredBodyIsRefused() {
        byte[] altered = "{\"event\":\"message_created\",\"id\":8}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.valid(TIMESTAMP, SIGNED, altered, NOW)).isFalse();
    }

    @Test
    void anotherTimestampWithTheSameSignatureIsRefused() {
        assertThat(signature.valid("1795600001", SIGNED, BODY, NOW)).isFalse();
    }

    @Test
    void aCallSignedMoreThanFiveMinutesAgoOrAheadIsRefused() {
        assertThat(signature.valid(TIMESTAMP, SIGNED, BODY, Instant.ofEpochSecond(1795600000L + 301))).as("replayed later").isFalse();
        assertThat(signature.valid(TIMESTAMP, SIGNED, BODY, Instant.ofEpochSecond(1795600000L - 301))).as("from the future").isFalse();
        assertThat(signature.valid(TIMESTAMP, SIGNED, BODY, Instant.ofEpochSecond(1795600000L + 299))).isTrue();
    }

    @Test
    void aCallWithoutItsHeadersIsRefused() {
        assertThat(signature.valid(null, SIGNED, BODY, NOW)).isFalse();
        assertThat(signature.valid(TIMESTAMP, null, BODY, NOW)).isFalse();
        assertThat(signature.valid("not-a-time", SIGNED, BODY, NOW)).isFalse();
    }
}
