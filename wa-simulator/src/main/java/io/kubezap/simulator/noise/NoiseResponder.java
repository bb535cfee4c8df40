package io.kubezap.simulator.noise;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The responder side of {@code Noise_XX_25519_AESGCM_SHA256} as WhatsApp uses it: the prologue is
 * mixed into the hash first, and the responder's static key and payload (the certificate) travel
 * encrypted in the server hello. Written from the Noise specification, not from the client.
 */
public final class NoiseResponder {
    private static final String PROTOCOL_NAME = "Noise_XX_25519_AESGCM_SHA256";
    private static final int HASH_LENGTH = 32;

    private final X25519.KeyPair staticKeys;
    private final X25519.KeyPair ephemeralKeys = X25519.generate();
    private byte[] clientEphemeral;
    private byte[] hash;
    private byte[] chainingKey;
    private byte[] cipherKey;
    private long counter;

    public NoiseResponder(byte[] prologue, X25519.KeyPair staticKeys) {
        this.staticKeys = staticKeys;
        this.hash = Arrays.copyOf(PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII), HASH_LENGTH);
        this.chainingKey = hash.clone();
        mixHash(prologue);
    }

    /** What the responder sends back for the initiator's ephemeral key: message 2 of XX (e, ee, s, es). */
    public record ServerHello(byte[] ephemeral, byte[] encryptedStatic, byte[] encryptedPayload) {
    }

    /** The channel once message 3 (s, se) has been read. */
    public record Established(byte[] clientStaticKey, byte[] clientPayload, TransportCipher reader, TransportCipher writer) {
    }

    public ServerHello respond(byte[] clientEphemeral, byte[] certificatePayload) {
        if (clientEphemeral == null || clientEphemeral.length != HASH_LENGTH) {
            throw new NoiseException("The client hello carries no 32-byte ephemeral key");
        }
        this.clientEphemeral = clientEphemeral;
        mixHash(clientEphemeral);
        mixHash(ephemeralKeys.publicKey());
        mixKey(X25519.sharedSecret(ephemeralKeys.privateKey(), clientEphemeral));
        var encryptedStatic = encryptAndHash(staticKeys.publicKey());
        mixKey(X25519.sharedSecret(staticKeys.privateKey(), clientEphemeral));
        var encryptedPayload = encryptAndHash(certificatePayload);
        return new ServerHello(ephemeralKeys.publicKey(), encryptedStatic, encryptedPayload);
    }

    public Established finish(byte[] encryptedClientStatic, byte[] encryptedPayload) {
        if (clientEphemeral == null) {
            throw new NoiseException("Client finish before client hello");
        }
        var clientStatic = decryptAndHash(encryptedClientStatic);
        mixKey(X25519.sharedSecret(ephemeralKeys.privateKey(), clientStatic));
        var payload = decryptAndHash(encryptedPayload);
        var keys = Hkdf.derive(chainingKey, new byte[0], 2 * HASH_LENGTH);
        var clientToServer = new TransportCipher(Arrays.copyOfRange(keys, 0, HASH_LENGTH));
        var serverToClient = new TransportCipher(Arrays.copyOfRange(keys, HASH_LENGTH, 2 * HASH_LENGTH));
        return new Established(clientStatic, payload, clientToServer, serverToClient);
    }

    private void mixHash(byte[] data) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(hash);
            digest.update(data);
            hash = digest.digest();
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is not available", exception);
        }
    }

    private void mixKey(byte[] inputKeyMaterial) {
        var output = Hkdf.derive(chainingKey, inputKeyMaterial, 2 * HASH_LENGTH);
        chainingKey = Arrays.copyOfRange(output, 0, HASH_LENGTH);
        cipherKey = Arrays.copyOfRange(output, HASH_LENGTH, 2 * HASH_LENGTH);
        counter = 0;
    }

    private byte[] encryptAndHash(byte[] plaintext) {
        var ciphertext = AesGcm.encrypt(cipherKey, counter++, hash, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    private byte[] decryptAndHash(byte[] ciphertext) {
        if (ciphertext == null) {
            throw new NoiseException("The client finish is missing a part");
        }
        var plaintext = AesGcm.decrypt(cipherKey, counter++, hash, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }
}
