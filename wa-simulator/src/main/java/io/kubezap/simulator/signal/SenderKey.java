package io.kubezap.simulator.signal;

import io.kubezap.simulator.noise.Crypto;
import io.kubezap.simulator.noise.Hkdf;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.curve25519.Curve25519;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One device's Signal sender key in one group (the group cipher): a symmetric chain every member device gets once,
 * pairwise-encrypted, in a {@code SenderKeyDistributionMessage}; each group message is then encrypted once with the
 * chain's next key ({@code skmsg}) and signed with the key's signing key. Written from libsignal's wire format:
 * version byte {@code 0x33}, protobuf body and, for messages, a 64-byte Curve25519 signature.
 */
public final class SenderKey {
    private static final byte VERSION_BYTE = 0x33;
    private static final int SIGNATURE_LENGTH = 64;
    private static final int MAX_SKIP = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int id;
    private final byte[] signingPublic;
    private final byte[] signingPrivate;
    private byte[] chainKey;
    private int iteration;
    private final Map<Integer, byte[]> skippedSeeds = new HashMap<>();

    private SenderKey(int id, int iteration, byte[] chainKey, byte[] signingPublic, byte[] signingPrivate) {
        this.id = id;
        this.iteration = iteration;
        this.chainKey = chainKey;
        this.signingPublic = SignalKeys.raw(signingPublic);
        this.signingPrivate = signingPrivate;
    }

    /** A fresh sender key of our own. */
    public static SenderKey create() {
        var chainKey = new byte[32];
        RANDOM.nextBytes(chainKey);
        var signingPrivate = Curve25519.randomPrivateKey();
        return new SenderKey(RANDOM.nextInt(Integer.MAX_VALUE), 0, chainKey, Curve25519.getPublicKey(signingPrivate), signingPrivate);
    }

    /** Another device's sender key, from the distribution message it sent us. */
    public static SenderKey fromDistribution(byte[] serialized) {
        if (serialized.length < 2 || serialized[0] != VERSION_BYTE) {
            throw new IllegalArgumentException("Not a version 3 sender key distribution message");
        }
        var body = ProtobufReader.read(serialized, 1, serialized.length - 1);
        return new SenderKey(body.uint32(1).orElse(0), body.uint32(2).orElse(0),
                body.bytes(3).orElseThrow(() -> new IllegalArgumentException("No chain key")),
                body.bytes(4).orElseThrow(() -> new IllegalArgumentException("No signing key")), null);
    }

    /** The distribution message that lets another device decrypt what we send from now on. */
    public synchronized byte[] distributionMessage() {
        var body = new ProtobufWriter().uint32(1, id).uint32(2, iteration).bytes(3, chainKey)
                .bytes(4, SignalKeys.typed(signingPublic)).toByteArray();
        return Crypto.concat(new byte[]{VERSION_BYTE}, body);
    }

    /** A {@code SenderKeyMessage}: the padded plaintext encrypted with the chain's next key, signed. */
    public synchronized byte[] encrypt(byte[] paddedPlaintext) {
        if (signingPrivate == null) {
            throw new IllegalStateException("Only the owner of a sender key encrypts with it");
        }
        var ciphertext = aesCbc(Cipher.ENCRYPT_MODE, nextSeed(), paddedPlaintext);
        var body = new ProtobufWriter().uint32(1, id).uint32(2, iteration - 1).bytes(3, ciphertext).toByteArray();
        var versioned = Crypto.concat(new byte[]{VERSION_BYTE}, body);
        return Crypto.concat(versioned, Curve25519.sign(signingPrivate, versioned));
    }

    /** @throws IllegalArgumentException when the message is not signed by this key or is out of its chain */
    public synchronized byte[] decrypt(byte[] serialized) {
        if (serialized.length <= 1 + SIGNATURE_LENGTH || serialized[0] != VERSION_BYTE) {
            throw new IllegalArgumentException("Not a version 3 sender key message");
        }
        var signed = Arrays.copyOf(serialized, serialized.length - SIGNATURE_LENGTH);
        var signature = Arrays.copyOfRange(serialized, serialized.length - SIGNATURE_LENGTH, serialized.length);
        if (!Curve25519.verifySignature(signingPublic, signed, signature)) {
            throw new IllegalArgumentException("The sender key message's signature does not verify");
        }
        var body = ProtobufReader.read(signed, 1, signed.length - 1);
        if (body.uint32(1).orElse(0) != id) {
            throw new IllegalArgumentException("The message is for sender key " + body.uint32(1).orElse(0) + ", we have " + id);
        }
        var target = body.uint32(2).orElse(0);
        var ciphertext = body.bytes(3).orElseThrow(() -> new IllegalArgumentException("No ciphertext"));
        return aesCbc(Cipher.DECRYPT_MODE, seedFor(target), ciphertext);
    }

    private byte[] seedFor(int target) {
        var skipped = skippedSeeds.remove(target);
        if (skipped != null) {
            return skipped;
        }
        if (target < iteration || target - iteration > MAX_SKIP) {
            throw new IllegalArgumentException("Sender key iteration " + target + " out of range (at " + iteration + ")");
        }
        while (iteration < target) {
            var at = iteration;
            skippedSeeds.put(at, nextSeed());
        }
        return nextSeed();
    }

    /** Message key seed = HMAC(chain key, 1); next chain key = HMAC(chain key, 2). */
    private byte[] nextSeed() {
        var seed = Crypto.hmacSha256(chainKey, new byte[]{1});
        chainKey = Crypto.hmacSha256(chainKey, new byte[]{2});
        iteration++;
        return seed;
    }

    /** The message key: HKDF(seed, "WhisperGroup") = IV (16) ‖ cipher key (32). */
    private static byte[] aesCbc(int mode, byte[] seed, byte[] input) {
        var keys = Hkdf.derive(new byte[32], seed, "WhisperGroup".getBytes(StandardCharsets.US_ASCII), 48);
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(keys, 16, 32, "AES"), new IvParameterSpec(keys, 0, 16));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException exception) {
            throw new IllegalArgumentException("AES-CBC failed", exception);
        }
    }
}
