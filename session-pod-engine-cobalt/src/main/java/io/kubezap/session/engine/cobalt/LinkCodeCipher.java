package io.kubezap.session.engine.cobalt;

import it.auties.curve25519.Curve25519;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The cryptography of pairing-code linking, as WhatsApp's public protocol defines it:
 * ephemeral keys travel wrapped with AES-CTR under a PBKDF2 key of the linking code
 * ({@code salt(32) || iv(16) || ciphertext(32)}), the companion's key bundle is sealed with AES-GCM
 * under an HKDF of the ephemeral shared secret ({@code salt(32) || nonce(12) || ciphertext}), and the
 * adv secret that later authenticates {@code pair-success} is an HKDF of both shared secrets.
 */
public final class LinkCodeCipher {

    private static final int PBKDF2_ITERATIONS = 2 << 16;
    private static final int KEY_BYTES = 32;
    private static final int SALT_BYTES = 32;
    private static final int CTR_IV_BYTES = 16;
    private static final int GCM_NONCE_BYTES = 12;
    private static final byte[] KEY_BUNDLE_INFO = "link_code_pairing_key_bundle_encryption_key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ADV_SECRET_INFO = "adv_secret".getBytes(StandardCharsets.UTF_8);

    /** What the companion sends in {@code companion_finish}, and the adv secret it keeps. */
    public record KeyBundle(byte[] wrapped, byte[] advSecret) {
    }

    private LinkCodeCipher() {
    }

    public static byte[] wrapPublicKey(LinkingCode code, byte[] publicKey, byte[] salt, byte[] iv) {
        return concat(salt, iv, ctr(Cipher.ENCRYPT_MODE, code, salt, iv, publicKey));
    }

    public static byte[] unwrapPublicKey(LinkingCode code, byte[] wrapped) {
        if (wrapped.length != SALT_BYTES + CTR_IV_BYTES + KEY_BYTES) {
            throw new IllegalArgumentException("a wrapped key is 80 bytes, got " + wrapped.length);
        }
        var salt = Arrays.copyOfRange(wrapped, 0, SALT_BYTES);
        var iv = Arrays.copyOfRange(wrapped, SALT_BYTES, SALT_BYTES + CTR_IV_BYTES);
        var ciphertext = Arrays.copyOfRange(wrapped, SALT_BYTES + CTR_IV_BYTES, wrapped.length);
        return ctr(Cipher.DECRYPT_MODE, code, salt, iv, ciphertext);
    }

    /**
     * The companion's answer to the primary's hello.
     *
     * @param ephemeralPrivate     the companion's ephemeral private key (its public half went out wrapped)
     * @param primaryEphemeral     the primary's ephemeral public key, unwrapped
     * @param identityPublic       the companion's identity key pair…
     * @param identityPrivate      …private half
     * @param primaryIdentity      the primary's identity public key
     * @param advRandom            32 random bytes mixed into the adv secret
     * @param salt                 32 random bytes, HKDF salt of the bundle key
     * @param nonce                12 random bytes, AES-GCM nonce of the bundle
     */
    public static KeyBundle keyBundle(byte[] ephemeralPrivate, byte[] primaryEphemeral, byte[] identityPublic,
                                      byte[] identityPrivate, byte[] primaryIdentity, byte[] advRandom,
                                      byte[] salt, byte[] nonce) {
        var ephemeralShared = Curve25519.sharedKey(primaryEphemeral, ephemeralPrivate);
        var bundleKey = hkdf(ephemeralShared, salt, KEY_BUNDLE_INFO);
        var sealed = gcm(Cipher.ENCRYPT_MODE, bundleKey, nonce, concat(identityPublic, primaryIdentity, advRandom));
        var identityShared = Curve25519.sharedKey(primaryIdentity, identityPrivate);
        var advSecret = hkdf(concat(ephemeralShared, identityShared, advRandom), new byte[0], ADV_SECRET_INFO);
        return new KeyBundle(concat(salt, nonce, sealed), advSecret);
    }

    /** Opens a sealed key bundle (the primary's side; used to verify the companion's). */
    public static byte[] openKeyBundle(byte[] ephemeralShared, byte[] wrapped) {
        var salt = Arrays.copyOfRange(wrapped, 0, SALT_BYTES);
        var nonce = Arrays.copyOfRange(wrapped, SALT_BYTES, SALT_BYTES + GCM_NONCE_BYTES);
        var sealed = Arrays.copyOfRange(wrapped, SALT_BYTES + GCM_NONCE_BYTES, wrapped.length);
        return gcm(Cipher.DECRYPT_MODE, hkdf(ephemeralShared, salt, KEY_BUNDLE_INFO), nonce, sealed);
    }

    /** HKDF-SHA256 (RFC 5869) with a 32-byte output; an empty salt means 32 zero bytes. */
    static byte[] hkdf(byte[] inputKey, byte[] salt, byte[] info) {
        try {
            var extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(salt.length == 0 ? new byte[KEY_BYTES] : salt, "HmacSHA256"));
            var pseudoRandomKey = extract.doFinal(inputKey);
            var expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            expand.update(info);
            expand.update((byte) 1);
            return expand.doFinal();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 unavailable", impossible);
        }
    }

    private static byte[] ctr(int mode, LinkingCode code, byte[] salt, byte[] iv, byte[] input) {
        try {
            var spec = new PBEKeySpec(code.value().toCharArray(), salt, PBKDF2_ITERATIONS, KEY_BYTES * 8);
            var key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            var cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("Cannot (un)wrap a pairing key", failure);
        }
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("Cannot seal or open the pairing key bundle", failure);
        }
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
