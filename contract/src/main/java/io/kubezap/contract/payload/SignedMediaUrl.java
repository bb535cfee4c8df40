package io.kubezap.contract.payload;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * The link an event gives to a message's file ({@code media.url}): the message's media path with {@code expires}
 * (epoch seconds) and {@code signature} (HMAC-SHA256, base64url) in its query, good for a GET of that one file until it
 * expires, without the session's API key. The pod signs; the gateway (and the pod itself, for local mode) check.
 * <p>
 * The signing key is derived from the session's API key (the Secret {@code <name>-api-key}, which the operator makes and
 * the pod and the gateway's key copy already hold): nothing new to distribute or rotate, a rotated API key voids every
 * link, and the derivation (HMAC with a label of its own) means a link reveals nothing usable as the API key.
 * The signature covers namespace, session, message and expiry, so changing any of them (or the expiry alone) is refused.
 */
public final class SignedMediaUrl {

    public static final String EXPIRES = "expires";
    public static final String SIGNATURE = "signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "kubezap media URL v1".getBytes(StandardCharsets.UTF_8);

    /** What a presented link is worth: good, past its expiry (410), or not one this session signed (403). */
    public enum Check { VALID, EXPIRED, TAMPERED }

    private SignedMediaUrl() {
    }

    /** The path of a message's file below a session's base path ({@code …/sessions/{name}}), as the pod serves it. */
    public static String path(String messageId) {
        return "/messages/" + messageId + "/media";
    }

    /** The query that makes {@link #path} a link valid until {@code expiresAt}. */
    public static String query(String apiKey, String namespace, String session, String messageId, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        return EXPIRES + "=" + expires + "&" + SIGNATURE + "=" + signature(apiKey, namespace, session, messageId, expires);
    }

    /** Whether {@code expires} and {@code signature}, presented for this message at {@code now}, open its file. */
    public static Check check(String apiKey, String namespace, String session, String messageId, String expires,
                              String signature, Instant now) {
        if (apiKey == null || apiKey.isEmpty() || expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return Check.TAMPERED;
        }
        long expiry = Long.parseLong(expires);
        byte[] expected = signature(apiKey, namespace, session, messageId, expiry).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Check.TAMPERED;
        }
        return now.getEpochSecond() >= expiry ? Check.EXPIRED : Check.VALID;
    }

    private static String signature(String apiKey, String namespace, String session, String messageId, long expires) {
        byte[] key = hmac(apiKey.getBytes(StandardCharsets.UTF_8), LABEL);
        String signed = namespace + "\n" + session + "\n" + messageId + "\n" + expires;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
