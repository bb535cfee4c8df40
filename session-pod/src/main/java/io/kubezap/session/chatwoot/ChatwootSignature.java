package io.kubezap.session.chatwoot;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Chatwoot's webhook signature, as Chatwoot documents it for signed webhooks (account webhooks, and API inboxes' and
 * agent bots' since Chatwoot signs those too): {@code X-Chatwoot-Signature: sha256=<hex>}, the HMAC-SHA256 under the
 * webhook's secret of {@code <X-Chatwoot-Timestamp>.<raw body>}. A signature is valid only with a timestamp within
 * {@link #TOLERANCE} of now, so a captured call cannot be replayed later.
 */
final class ChatwootSignature {

    static final String SIGNATURE_HEADER = "X-Chatwoot-Signature";
    static final String TIMESTAMP_HEADER = "X-Chatwoot-Timestamp";
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;

    ChatwootSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the call carries this secret's signature of its body, made within {@link #TOLERANCE} of {@code now}. */
    boolean valid(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        return MessageDigest.isEqual(sign(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code sha256=<hex>} of {@code <timestamp>.<body>}. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
