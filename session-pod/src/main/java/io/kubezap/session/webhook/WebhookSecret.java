package io.kubezap.session.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * An endpoint's HMAC key. Accepted as the Standard Webhooks {@code whsec_<base64>} form, or raw
 * (any other string, used as UTF-8 bytes) for receivers that configured a plain shared secret.
 */
public final class WebhookSecret {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    public static WebhookSecret parse(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("webhook secret is empty");
        }
        if (trimmed.startsWith(PREFIX)) {
            try {
                return new WebhookSecret(Base64.getDecoder().decode(trimmed.substring(PREFIX.length())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook secret starts with whsec_ but the rest is not base64");
            }
        }
        return new WebhookSecret(trimmed.getBytes(StandardCharsets.UTF_8));
    }

    byte[] key() {
        return Arrays.copyOf(key, key.length);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
