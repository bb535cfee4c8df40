package io.kubezap.simulator.signal;

import io.kubezap.simulator.noise.Crypto;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import io.kubezap.simulator.noise.Hkdf;
import io.kubezap.simulator.noise.X25519;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A Signal session between one of our devices and one remote device: X3DH to start it (either
 * side), then the Double Ratchet. Until the remote side has answered, the initiator wraps its
 * messages as pre-key messages ({@code pkmsg}); afterwards they are plain {@code msg}.
 * Written from the Signal specifications (X3DH, Double Ratchet) and libsignal's wire format:
 * version byte {@code 0x33}, protobuf body, 8-byte HMAC over both identity keys and the body.
 */
public final class SignalSession {
    private static final byte VERSION_BYTE = 0x33;
    private static final int MAC_LENGTH = 8;
    private static final int MAX_SKIP = 2000;
    private static final byte[] ZERO_SALT = new byte[32];

    private final byte[] ourIdentity;
    private final byte[] theirIdentity;
    private final byte[] baseKey;
    private PendingPreKey pendingPreKey;
    private byte[] rootKey;
    private X25519.KeyPair ourRatchet;
    private byte[] theirRatchet;
    private Chain sending;
    private int previousCounter;
    private final Map<String, Chain> receiving = new HashMap<>();
    private final Map<String, byte[]> skippedMessageKeys = new HashMap<>();

    /** What a sent message needs: its {@code enc type} and bytes. */
    public record Encrypted(String type, byte[] serialized) {
    }

    private record PendingPreKey(Integer preKeyId, int signedPreKeyId, int registrationId) {
    }

    private static final class Chain {
        private byte[] key;
        private int index;

        Chain(byte[] key) {
            this.key = key;
        }

        Chain copy() {
            var copy = new Chain(key);
            copy.index = index;
            return copy;
        }
    }

    /** What decrypting may change, kept to undo it when the message turns out not to belong to the session. */
    private record State(PendingPreKey pendingPreKey, byte[] rootKey, X25519.KeyPair ourRatchet, byte[] theirRatchet, Chain sending,
                         int previousCounter, Map<String, Chain> receiving, Map<String, byte[]> skippedMessageKeys) {
        State(SignalSession session) {
            this(session.pendingPreKey, session.rootKey, session.ourRatchet, session.theirRatchet,
                    session.sending == null ? null : session.sending.copy(), session.previousCounter, copyOf(session.receiving),
                    new HashMap<>(session.skippedMessageKeys));
        }

        void restore(SignalSession session) {
            session.pendingPreKey = pendingPreKey;
            session.rootKey = rootKey;
            session.ourRatchet = ourRatchet;
            session.theirRatchet = theirRatchet;
            session.sending = sending;
            session.previousCounter = previousCounter;
            session.receiving.clear();
            session.receiving.putAll(receiving);
            session.skippedMessageKeys.clear();
            session.skippedMessageKeys.putAll(skippedMessageKeys);
        }

        private static Map<String, Chain> copyOf(Map<String, Chain> chains) {
            var copy = new HashMap<String, Chain>();
            chains.forEach((ratchet, chain) -> copy.put(ratchet, chain.copy()));
            return copy;
        }
    }

    private SignalSession(byte[] ourIdentity, byte[] theirIdentity, byte[] baseKey, byte[] rootKey) {
        this.ourIdentity = SignalKeys.typed(ourIdentity);
        this.theirIdentity = SignalKeys.typed(theirIdentity);
        this.baseKey = SignalKeys.typed(baseKey);
        this.rootKey = rootKey;
    }

    /** X3DH as initiator with a remote device's published keys (Alice). */
    public static SignalSession initiate(SignalIdentity us, PreKeyBundle bundle) {
        var oneTimePreKey = bundle.takeOneTimePreKey();
        var base = X25519.generate();
        var secrets = new ByteArrayOutputStream();
        secrets.writeBytes(filledWith(0xFF));
        secrets.writeBytes(X25519.sharedSecret(us.identityPrivate(), bundle.signedPreKey()));
        secrets.writeBytes(X25519.sharedSecret(base.privateKey(), bundle.identityKey()));
        secrets.writeBytes(X25519.sharedSecret(base.privateKey(), bundle.signedPreKey()));
        oneTimePreKey.ifPresent(key -> secrets.writeBytes(X25519.sharedSecret(base.privateKey(), key.publicKey())));
        var session = new SignalSession(us.identityPublic(), bundle.identityKey(), base.publicKey(), firstRootKey(secrets.toByteArray()));
        session.pendingPreKey = new PendingPreKey(oneTimePreKey.map(PreKeyBundle.OneTimePreKey::id).orElse(null),
                bundle.signedPreKeyId(), us.registrationId());
        session.theirRatchet = SignalKeys.typed(bundle.signedPreKey());
        session.ourRatchet = X25519.generate();
        session.startSendingChain();
        return session;
    }

    /** X3DH as responder to a pre-key message (Bob): the session the message's own ratchet continues. */
    public static SignalSession respond(SignalIdentity us, PreKeyMessage message) {
        var signedPreKey = us.signedPreKey(message.signedPreKeyId());
        var oneTimePreKey = us.takeOneTimePreKey(message.preKeyId());
        if (message.preKeyId() != null && oneTimePreKey.isEmpty()) {
            throw new IllegalArgumentException("The pre-key " + message.preKeyId() + " is unknown or used");
        }
        var theirIdentity = SignalKeys.raw(message.identityKey());
        var theirBase = SignalKeys.raw(message.baseKey());
        var secrets = new ByteArrayOutputStream();
        secrets.writeBytes(filledWith(0xFF));
        secrets.writeBytes(X25519.sharedSecret(signedPreKey.privateKey(), theirIdentity));
        secrets.writeBytes(X25519.sharedSecret(us.identityPrivate(), theirBase));
        secrets.writeBytes(X25519.sharedSecret(signedPreKey.privateKey(), theirBase));
        oneTimePreKey.ifPresent(key -> secrets.writeBytes(X25519.sharedSecret(key.privateKey(), theirBase)));
        var session = new SignalSession(us.identityPublic(), theirIdentity, theirBase, firstRootKey(secrets.toByteArray()));
        session.ourRatchet = signedPreKey;
        return session;
    }

    public boolean startedWith(byte[] baseKey) {
        return Arrays.equals(this.baseKey, SignalKeys.typed(baseKey));
    }

    public synchronized Encrypted encrypt(byte[] plaintext) {
        var keys = nextMessageKeys(sending);
        var counter = sending.index - 1;
        var ciphertext = aesCbc(Cipher.ENCRYPT_MODE, keys, plaintext);
        var body = new ProtobufWriter()
                .bytes(1, SignalKeys.typed(ourRatchet.publicKey()))
                .uint32(2, counter)
                .uint32(3, previousCounter)
                .bytes(4, ciphertext)
                .toByteArray();
        var versioned = Crypto.concat(new byte[]{VERSION_BYTE}, body);
        var signalMessage = Crypto.concat(versioned, mac(keys, ourIdentity, theirIdentity, versioned));
        if (pendingPreKey == null) {
            return new Encrypted("msg", signalMessage);
        }
        return new Encrypted("pkmsg", new PreKeyMessage(pendingPreKey.preKeyId(), baseKey, ourIdentity, signalMessage,
                pendingPreKey.registrationId(), pendingPreKey.signedPreKeyId()).serialized());
    }

    /**
     * Leaves the session as it was when the message does not authenticate in it, as libsignal (which decrypts in a copy of
     * the session state): a message tried in a session it does not belong to must not move that session's ratchet.
     *
     * @throws IllegalArgumentException when the message does not authenticate in this session
     */
    public synchronized byte[] decrypt(byte[] serializedSignalMessage) {
        var before = new State(this);
        try {
            return decryptInPlace(serializedSignalMessage);
        } catch (IllegalArgumentException notThisSession) {
            before.restore(this);
            throw notThisSession;
        }
    }

    private byte[] decryptInPlace(byte[] serializedSignalMessage) {
        if (serializedSignalMessage.length <= 1 + MAC_LENGTH || serializedSignalMessage[0] != VERSION_BYTE) {
            throw new IllegalArgumentException("Not a version 3 Signal message");
        }
        var bodyLength = serializedSignalMessage.length - 1 - MAC_LENGTH;
        var body = ProtobufReader.read(serializedSignalMessage, 1, bodyLength);
        var ratchetKey = SignalKeys.typed(body.bytes(1).orElseThrow(() -> new IllegalArgumentException("No ratchet key")));
        var counter = body.uint32(2).orElse(0);
        var ciphertext = body.bytes(4).orElseThrow(() -> new IllegalArgumentException("No ciphertext"));
        var keys = messageKeys(ratchetKey, counter);
        var versioned = Arrays.copyOf(serializedSignalMessage, 1 + bodyLength);
        var expected = mac(keys, theirIdentity, ourIdentity, versioned);
        var actual = Arrays.copyOfRange(serializedSignalMessage, 1 + bodyLength, serializedSignalMessage.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new IllegalArgumentException("The Signal message's MAC does not verify");
        }
        pendingPreKey = null;
        return aesCbc(Cipher.DECRYPT_MODE, keys, ciphertext);
    }

    private byte[] messageKeys(byte[] ratchetKey, int counter) {
        var id = HexFormat.of().formatHex(ratchetKey);
        var skipped = skippedMessageKeys.remove(id + ":" + counter);
        if (skipped != null) {
            return skipped;
        }
        if (!receiving.containsKey(id)) {
            stepRatchet(ratchetKey);
        }
        var chain = receiving.get(id);
        if (counter < chain.index || counter - chain.index > MAX_SKIP) {
            throw new IllegalArgumentException("Message counter " + counter + " out of range");
        }
        while (chain.index < counter) {
            skippedMessageKeys.put(id + ":" + chain.index, nextMessageKeys(chain));
        }
        return nextMessageKeys(chain);
    }

    /** A new remote ratchet key: derive its receiving chain, then our next sending chain. */
    private void stepRatchet(byte[] theirNewRatchet) {
        var receivingKeys = kdfRoot(X25519.sharedSecret(ourRatchet.privateKey(), SignalKeys.raw(theirNewRatchet)));
        receiving.put(HexFormat.of().formatHex(theirNewRatchet), new Chain(receivingKeys));
        theirRatchet = theirNewRatchet;
        previousCounter = sending == null ? 0 : sending.index;
        sending = null;
        ourRatchet = X25519.generate();
        startSendingChain();
    }

    private void startSendingChain() {
        sending = new Chain(kdfRoot(X25519.sharedSecret(ourRatchet.privateKey(), SignalKeys.raw(theirRatchet))));
    }

    /** Root KDF: HKDF(salt = root key, DH output, "WhisperRatchet") = new root key ‖ chain key. */
    private byte[] kdfRoot(byte[] dhOutput) {
        var output = Hkdf.derive(rootKey, dhOutput, ascii("WhisperRatchet"), 64);
        rootKey = Arrays.copyOfRange(output, 0, 32);
        return Arrays.copyOfRange(output, 32, 64);
    }

    /** Chain KDF: message key seed = HMAC(ck, 1), next ck = HMAC(ck, 2); then cipher key ‖ MAC key ‖ IV. */
    private static byte[] nextMessageKeys(Chain chain) {
        var seed = Crypto.hmacSha256(chain.key, new byte[]{1});
        chain.key = Crypto.hmacSha256(chain.key, new byte[]{2});
        chain.index++;
        return Hkdf.derive(ZERO_SALT, seed, ascii("WhisperMessageKeys"), 80);
    }

    private static byte[] firstRootKey(byte[] masterSecret) {
        return Arrays.copyOf(Hkdf.derive(ZERO_SALT, masterSecret, ascii("WhisperText"), 64), 32);
    }

    private static byte[] mac(byte[] keys, byte[] senderIdentity, byte[] receiverIdentity, byte[] versionedBody) {
        return Arrays.copyOf(Crypto.hmacSha256(Arrays.copyOfRange(keys, 32, 64), Crypto.concat(senderIdentity, receiverIdentity, versionedBody)), MAC_LENGTH);
    }

    private static byte[] aesCbc(int mode, byte[] keys, byte[] input) {
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(keys, 64, 16));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException exception) {
            throw new IllegalArgumentException("AES-CBC failed", exception);
        }
    }



    private static byte[] filledWith(int value) {
        var result = new byte[32];
        Arrays.fill(result, (byte) value);
        return result;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
