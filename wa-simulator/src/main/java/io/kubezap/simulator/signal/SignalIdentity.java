package io.kubezap.simulator.signal;

import io.kubezap.simulator.noise.X25519;
import it.auties.curve25519.Curve25519;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device's Signal keys: identity (for a phone, its account key), registration id, a signed
 * pre-key (XEdDSA signature by the identity key over its typed public key) and one-time
 * pre-keys, which others fetch as a bundle to start sessions.
 */
public final class SignalIdentity {
    private static final int ONE_TIME_PRE_KEYS = 30;
    private static final int SIGNED_PRE_KEY_ID = 1;

    private final byte[] identityPrivate;
    private final byte[] identityPublic;
    private final int registrationId;
    private final X25519.KeyPair signedPreKey = X25519.generate();
    private final byte[] signedPreKeySignature;
    private final Map<Integer, X25519.KeyPair> oneTimePreKeys = new ConcurrentHashMap<>();

    public SignalIdentity(byte[] identityPrivate, byte[] identityPublic, int registrationId) {
        this.identityPrivate = identityPrivate.clone();
        this.identityPublic = identityPublic.clone();
        this.registrationId = registrationId;
        this.signedPreKeySignature = Curve25519.sign(identityPrivate, SignalKeys.typed(signedPreKey.publicKey()));
        for (var id = 1; id <= ONE_TIME_PRE_KEYS; id++) {
            oneTimePreKeys.put(id, X25519.generate());
        }
    }

    /** What a {@code get encrypt key} query answers for this device (one one-time key, handed out once). */
    public PublishedKeys publish() {
        var oneTime = oneTimePreKeys.entrySet().stream().findFirst()
                .map(entry -> new PreKeyBundle.OneTimePreKey(entry.getKey(), entry.getValue().publicKey()));
        return new PublishedKeys(registrationId, identityPublic.clone(), SIGNED_PRE_KEY_ID, signedPreKey.publicKey(),
                signedPreKeySignature.clone(), oneTime);
    }

    public record PublishedKeys(int registrationId, byte[] identityKey, int signedPreKeyId, byte[] signedPreKey,
                                byte[] signedPreKeySignature, Optional<PreKeyBundle.OneTimePreKey> oneTimePreKey) {
    }

    byte[] identityPrivate() {
        return identityPrivate;
    }

    byte[] identityPublic() {
        return identityPublic;
    }

    int registrationId() {
        return registrationId;
    }

    X25519.KeyPair signedPreKey(int id) {
        if (id != SIGNED_PRE_KEY_ID) {
            throw new IllegalArgumentException("Unknown signed pre-key " + id);
        }
        return signedPreKey;
    }

    /** A one-time pre-key is used once: taking it removes it. */
    Optional<X25519.KeyPair> takeOneTimePreKey(Integer id) {
        return id == null ? Optional.empty() : Optional.ofNullable(oneTimePreKeys.remove(id));
    }
}
