package io.kubezap.simulator.phone;

import io.kubezap.simulator.noise.Crypto;
import io.kubezap.simulator.noise.Hkdf;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * The primary device's side of pairing-code linking: ephemeral keys travel wrapped with AES-CTR
 * under PBKDF2(code) as {@code salt(32) || iv(16) || key(32)}; the companion seals its key bundle
 * with AES-GCM under HKDF(ephemeral shared secret) as {@code salt(32) || nonce(12) || sealed}; the
 * adv secret that authenticates {@code pair-success} is an HKDF of both shared secrets and the
 * companion's randomness.
 */
public final class LinkCodeCrypto {
    private static final String CODE_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    private static final int CODE_LENGTH = 8;
    private static final int PBKDF2_ITERATIONS = 2 << 16;
    private static final int KEY_LENGTH = 32;
    private static final int SALT_LENGTH = 32;
    private static final int CTR_IV_LENGTH = 16;
    private static final int GCM_NONCE_LENGTH = 12;
    private static final byte[] BUNDLE_KEY_INFO = "link_code_pairing_key_bundle_encryption_key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADV_SECRET_INFO = "adv_secret".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();

    /** What the companion's bundle holds: its identity key, the primary's identity key and randomness. */
    public record KeyBundle(byte[] companionIdentity, byte[] primaryIdentity, byte[] advRandom) {
    }

    /** The code as typed ({@code ABCD-EFGH}, any case) reduced to the 8 characters both sides hash. */
    public static String normalizeCode(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("No pairing code");
        }
        var code = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (code.length() != CODE_LENGTH || !code.chars().allMatch(character -> CODE_ALPHABET.indexOf(character) >= 0)) {
            throw new IllegalArgumentException("A pairing code is 8 characters of " + CODE_ALPHABET + ", got " + typed);
        }
        return code;
    }

    public byte[] unwrapKey(String code, byte[] wrapped) {
        if (wrapped == null || wrapped.length != SALT_LENGTH + CTR_IV_LENGTH + KEY_LENGTH) {
            throw new IllegalArgumentException("A wrapped ephemeral key has 80 bytes");
        }
        var salt = Arrays.copyOfRange(wrapped, 0, SALT_LENGTH);
        var iv = Arrays.copyOfRange(wrapped, SALT_LENGTH, SALT_LENGTH + CTR_IV_LENGTH);
        return ctr(code, salt, iv, Arrays.copyOfRange(wrapped, SALT_LENGTH + CTR_IV_LENGTH, wrapped.length));
    }

    public byte[] wrapKey(String code, byte[] publicKey) {
        var salt = randomBytes(SALT_LENGTH);
        var iv = randomBytes(CTR_IV_LENGTH);
        return Crypto.concat(salt, iv, ctr(code, salt, iv, publicKey));
    }

    /** @throws IllegalArgumentException when the bundle was not sealed with this shared secret */
    public KeyBundle openKeyBundle(byte[] ephemeralSharedSecret, byte[] wrapped) {
        if (wrapped == null || wrapped.length <= SALT_LENGTH + GCM_NONCE_LENGTH) {
            throw new IllegalArgumentException("The wrapped key bundle is too short");
        }
        var salt = Arrays.copyOfRange(wrapped, 0, SALT_LENGTH);
        var nonce = Arrays.copyOfRange(wrapped, SALT_LENGTH, SALT_LENGTH + GCM_NONCE_LENGTH);
        var key = Hkdf.derive(salt, ephemeralSharedSecret, BUNDLE_KEY_INFO, KEY_LENGTH);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            var plain = cipher.doFinal(wrapped, SALT_LENGTH + GCM_NONCE_LENGTH, wrapped.length - SALT_LENGTH - GCM_NONCE_LENGTH);
            if (plain.length != 3 * KEY_LENGTH) {
                throw new IllegalArgumentException("The key bundle holds " + plain.length + " bytes, not 96");
            }
            return new KeyBundle(Arrays.copyOfRange(plain, 0, 32), Arrays.copyOfRange(plain, 32, 64), Arrays.copyOfRange(plain, 64, 96));
        } catch (AEADBadTagException exception) {
            throw new IllegalArgumentException("The key bundle does not open with the agreed key (wrong code or wrong nonce)", exception);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("AES-GCM failed", exception);
        }
    }

    public static byte[] advSecret(byte[] ephemeralSharedSecret, byte[] identitySharedSecret, byte[] advRandom) {
        return Hkdf.derive(new byte[0], Crypto.concat(ephemeralSharedSecret, identitySharedSecret, advRandom), ADV_SECRET_INFO, KEY_LENGTH);
    }

    private static byte[] ctr(String code, byte[] salt, byte[] iv, byte[] input) {
        try {
            var spec = new PBEKeySpec(code.toCharArray(), salt, PBKDF2_ITERATIONS, KEY_LENGTH * 8);
            var key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            var cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("PBKDF2/AES-CTR failed", exception);
        }
    }

    private byte[] randomBytes(int length) {
        var bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
