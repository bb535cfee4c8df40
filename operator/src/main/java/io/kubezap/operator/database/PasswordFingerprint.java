package io.kubezap.operator.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a generated secret (a role's password, a session's token), which the database keeps in its place: enough
 * to recognise the secret, never to recover it. Not a password hash: these secrets are 192 or 256 random bits, which no
 * guessing reaches, so a slow hash would only cost every check its time.
 */
public final class PasswordFingerprint {

    private PasswordFingerprint() {
    }

    public static byte[] of(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #of} as 64 lowercase hex digits (for a {@code bytea} literal). */
    public static String hex(String secret) {
        return HexFormat.of().formatHex(of(secret));
    }
}
