package io.kubezap.session.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a delivery the way the Standard Webhooks specification says, so receivers can verify it
 * with an off-the-shelf library: {@code webhook-signature: v1,base64(HMAC-SHA256(key, id.timestamp.body))}.
 */
public final class WebhookSigner {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private WebhookSigner() {
    }

    /** The three Standard Webhooks headers; without a secret only id and timestamp. */
    public static Map<String, String> headers(String webhookId, Instant timestamp, String body, WebhookSecret secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        String seconds = Long.toString(timestamp.getEpochSecond());
        headers.put(ID_HEADER, webhookId);
        headers.put(TIMESTAMP_HEADER, seconds);
        if (secret != null) {
            headers.put(SIGNATURE_HEADER, "v1," + hmacBase64(secret, webhookId + "." + seconds + "." + body));
        }
        return headers;
    }

    private static String hmacBase64(WebhookSecret secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
