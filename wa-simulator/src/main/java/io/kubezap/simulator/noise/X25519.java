package io.kubezap.simulator.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * Curve25519 Diffie-Hellman on raw 32-byte keys (RFC 7748 encoding), done with the JDK's own
 * X25519 provider so the Noise handshake does not lean on the client's crypto library.
 */
public final class X25519 {
    private static final int KEY_LENGTH = 32;

    private X25519() {
    }

    public record KeyPair(byte[] publicKey, byte[] privateKey) {
    }

    public static KeyPair generate() {
        try {
            var pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            var privateKey = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            var publicKey = toLittleEndian(((XECPublicKey) pair.getPublic()).getU());
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("X25519 is not available", exception);
        }
    }

    public static byte[] sharedSecret(byte[] privateKey, byte[] publicKey) {
        try {
            var factory = KeyFactory.getInstance("X25519");
            var agreement = javax.crypto.KeyAgreement.getInstance("X25519");
            agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
            agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, fromLittleEndian(publicKey))), true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException exception) {
            throw new IllegalArgumentException("Invalid X25519 key", exception);
        }
    }

    private static BigInteger fromLittleEndian(byte[] publicKey) {
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("An X25519 public key has 32 bytes, got " + publicKey.length);
        }
        var bigEndian = reversed(publicKey);
        bigEndian[0] &= 0x7F; // RFC 7748: the most significant bit is ignored
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian(BigInteger u) {
        var bigEndian = u.toByteArray();
        var padded = new byte[KEY_LENGTH];
        var length = Math.min(bigEndian.length, KEY_LENGTH);
        System.arraycopy(bigEndian, bigEndian.length - length, padded, KEY_LENGTH - length, length);
        return reversed(padded);
    }

    private static byte[] reversed(byte[] input) {
        var output = Arrays.copyOf(input, input.length);
        for (int i = 0, j = output.length - 1; i < j; i++, j--) {
            var swap = output[i];
            output[i] = output[j];
            output[j] = swap;
        }
        return output;
    }
}
