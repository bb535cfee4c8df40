package io.kubezap.simulator.signal;

import io.kubezap.simulator.noise.Hkdf;
import io.kubezap.simulator.noise.X25519;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The sending half of a Signal session a simulated phone starts with a device from its published
 * pre-keys: X3DH as initiator, then the symmetric ratchet of the first sending chain. Every
 * message is wrapped as a pre-key message ({@code pkmsg}), as libsignal does until the peer has
 * answered. Written from the Signal specifications (X3DH, Double Ratchet) and libsignal's wire format.
 */
public final class SignalSender {
    private static final int VERSION = 3;
    private static final byte VERSION_BYTE = (byte) (VERSION << 4 | VERSION);
    private static final byte KEY_TYPE = 5;
    private static final int MAC_LENGTH = 8;
    private static final byte[] ZERO_SALT = new byte[32];

    private final byte[] ourIdentityKey;
    private final int ourRegistrationId;
    private final byte[] theirIdentityKey;
    private final byte[] baseKey;
    private final Integer preKeyId;
    private final int signedPreKeyId;
    private final byte[] ratchetKey;
    private byte[] chainKey;
    private int counter;

    private SignalSender(byte[] ourIdentityKey, int ourRegistrationId, byte[] theirIdentityKey, byte[] baseKey,
                         Integer preKeyId, int signedPreKeyId, byte[] ratchetKey, byte[] chainKey) {
        this.ourIdentityKey = ourIdentityKey;
        this.ourRegistrationId = ourRegistrationId;
        this.theirIdentityKey = theirIdentityKey;
        this.baseKey = baseKey;
        this.preKeyId = preKeyId;
        this.signedPreKeyId = signedPreKeyId;
        this.ratchetKey = ratchetKey;
        this.chainKey = chainKey;
    }

    /**
     * X3DH with the device's bundle (taking one of its one-time pre-keys when any is left).
     *
     * @param identityPrivate our identity key (the phone's account key), raw 32 bytes
     * @param identityPublic  its public half, raw 32 bytes
     */
    public static SignalSender start(byte[] identityPrivate, byte[] identityPublic, int registrationId, PreKeyBundle bundle) {
        var oneTimePreKey = bundle.takeOneTimePreKey();
        var base = X25519.generate();
        var secrets = new ByteArrayOutputStream();
        secrets.writeBytes(filled(32, (byte) 0xFF));
        secrets.writeBytes(X25519.sharedSecret(identityPrivate, bundle.signedPreKey()));
        secrets.writeBytes(X25519.sharedSecret(base.privateKey(), bundle.identityKey()));
        secrets.writeBytes(X25519.sharedSecret(base.privateKey(), bundle.signedPreKey()));
        oneTimePreKey.ifPresent(key -> secrets.writeBytes(X25519.sharedSecret(base.privateKey(), key.publicKey())));
        var rootAndChain = Hkdf.derive(ZERO_SALT, secrets.toByteArray(), ascii("WhisperText"), 64);
        var ratchet = X25519.generate();
        var sendingRootAndChain = Hkdf.derive(Arrays.copyOfRange(rootAndChain, 0, 32),
                X25519.sharedSecret(ratchet.privateKey(), bundle.signedPreKey()), ascii("WhisperRatchet"), 64);
        return new SignalSender(typed(identityPublic), registrationId, typed(bundle.identityKey()), typed(base.publicKey()),
                oneTimePreKey.map(PreKeyBundle.OneTimePreKey::id).orElse(null), bundle.signedPreKeyId(),
                typed(ratchet.publicKey()), Arrays.copyOfRange(sendingRootAndChain, 32, 64));
    }

    /** Encrypts one message; the result is the content of an {@code <enc type="pkmsg">} node. */
    public synchronized byte[] encrypt(byte[] plaintext) {
        var messageKeySeed = hmac(chainKey, new byte[]{1});
        chainKey = hmac(chainKey, new byte[]{2});
        var keys = Hkdf.derive(ZERO_SALT, messageKeySeed, ascii("WhisperMessageKeys"), 80);
        var ciphertext = aesCbc(Arrays.copyOfRange(keys, 0, 32), Arrays.copyOfRange(keys, 64, 80), plaintext);
        var body = new ProtobufWriter()
                .bytes(1, ratchetKey)
                .uint32(2, counter++)
                .uint32(3, 0)
                .bytes(4, ciphertext)
                .toByteArray();
        var versioned = prepend(VERSION_BYTE, body);
        var mac = Arrays.copyOf(hmac(Arrays.copyOfRange(keys, 32, 64), concat(ourIdentityKey, theirIdentityKey, versioned)), MAC_LENGTH);
        var signalMessage = concat(versioned, mac);
        var preKeyMessage = new ProtobufWriter();
        if (preKeyId != null) {
            preKeyMessage.uint32(1, preKeyId);
        }
        preKeyMessage.bytes(2, baseKey)
                .bytes(3, ourIdentityKey)
                .bytes(4, signalMessage)
                .uint32(5, ourRegistrationId)
                .uint32(6, signedPreKeyId);
        return prepend(VERSION_BYTE, preKeyMessage.toByteArray());
    }

    private static byte[] aesCbc(byte[] key, byte[] iv, byte[] plaintext) {
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("AES-CBC failed", exception);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("HmacSHA256 failed", exception);
        }
    }

    /** Signal's public-key encoding: a type byte (5 = Curve25519) before the 32 key bytes. */
    private static byte[] typed(byte[] key) {
        return key.length == 33 ? key.clone() : prepend(KEY_TYPE, key);
    }

    private static byte[] prepend(byte first, byte[] rest) {
        var result = new byte[rest.length + 1];
        result[0] = first;
        System.arraycopy(rest, 0, result, 1, rest.length);
        return result;
    }

    private static byte[] concat(byte[]... parts) {
        var output = new ByteArrayOutputStream();
        for (var part : parts) {
            output.writeBytes(part);
        }
        return output.toByteArray();
    }

    private static byte[] filled(int length, byte value) {
        var result = new byte[length];
        Arrays.fill(result, value);
        return result;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
