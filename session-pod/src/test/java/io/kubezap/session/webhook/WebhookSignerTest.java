package io.kubezap.session.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures are checked with the Standard Webhooks reference library, not with our own code. */
class WebhookSignerTest {

    private static final String BODY = "{\"event\":\"message.received\",\"data\":{\"text\":\"olá\"}}";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void whsecSecretVerifiesWithTheReferenceLibrary() throws Exception {
        Map<String, String> headers = WebhookSigner.headers("msg_1", Instant.now(), BODY, WebhookSecret.parse(WHSEC));

        new Webhook(WHSEC).verify(BODY, asHttpHeaders(headers));
        assertThat(headers.get(WebhookSigner.SIGNATURE_HEADER)).startsWith("v1,");
    }

    @Test
    void rawSecretIsUsedAsItsBytes() throws Exception {
        String raw = "change-me-to-a-long-random-string";
        Map<String, String> headers = WebhookSigner.headers("msg_2", Instant.now(), BODY, WebhookSecret.parse(raw));

        new Webhook(raw.getBytes(StandardCharsets.UTF_8)).verify(BODY, asHttpHeaders(headers));
    }

    @Test
    void anotherSecretOrATamperedBodyFailsVerification() {
        Map<String, String> headers = WebhookSigner.headers("msg_3", Instant.now(), BODY, WebhookSecret.parse(WHSEC));

        assertThatThrownBy(() -> new Webhook("whsec_" + "QW5vdGhlclNlY3JldEZvclRlc3Rpbmc=").verify(BODY, asHttpHeaders(headers)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WHSEC).verify(BODY.replace("olá", "ola"), asHttpHeaders(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void idAndTimestampHeadersCarryWhatWasSigned() {
        Instant at = Instant.parse("2026-11-21T05:00:00Z");
        Map<String, String> headers = WebhookSigner.headers("msg_4", at, BODY, null);

        assertThat(headers).containsExactly(
                Map.entry(WebhookSigner.ID_HEADER, "msg_4"),
                Map.entry(WebhookSigner.TIMESTAMP_HEADER, Long.toString(at.getEpochSecond())));
    }

    @Test
    void malformedWhsecSecretIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!"))
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> WebhookSecret.parse("  "))
                .hasMessageContaining("empty");
        assertThat(WebhookSecret.parse(WHSEC).toString()).doesNotContain("MfKQ");
    }

    private static Map<String, List<String>> asHttpHeaders(Map<String, String> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }
}
