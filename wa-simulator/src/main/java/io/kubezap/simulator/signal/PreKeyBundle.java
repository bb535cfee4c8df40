package io.kubezap.simulator.signal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The keys a device published with its {@code encrypt} upload, from which others start Signal
 * sessions with it. One-time pre-keys are handed out once.
 */
public final class PreKeyBundle {
    private final int registrationId;
    private final byte[] identityKey;
    private final int signedPreKeyId;
    private final byte[] signedPreKey;
    private final byte[] signedPreKeySignature;
    private final List<OneTimePreKey> oneTimePreKeys;

    public record OneTimePreKey(int id, byte[] publicKey) {
    }

    public PreKeyBundle(int registrationId, byte[] identityKey, int signedPreKeyId, byte[] signedPreKey,
                        byte[] signedPreKeySignature, List<OneTimePreKey> oneTimePreKeys) {
        this.registrationId = registrationId;
        this.identityKey = identityKey.clone();
        this.signedPreKeyId = signedPreKeyId;
        this.signedPreKey = signedPreKey.clone();
        this.signedPreKeySignature = signedPreKeySignature.clone();
        this.oneTimePreKeys = new CopyOnWriteArrayList<>(oneTimePreKeys);
    }

    public int registrationId() {
        return registrationId;
    }

    public byte[] identityKey() {
        return identityKey.clone();
    }

    public int signedPreKeyId() {
        return signedPreKeyId;
    }

    public byte[] signedPreKey() {
        return signedPreKey.clone();
    }

    public byte[] signedPreKeySignature() {
        return signedPreKeySignature.clone();
    }

    /** The one-time pre-keys not yet handed to anyone, oldest first. */
    public List<OneTimePreKey> oneTimePreKeys() {
        return List.copyOf(oneTimePreKeys);
    }

    /** The keys handed to one device that asks for this one's: a one-time pre-key leaves the bundle. */
    public SignalIdentity.PublishedKeys publish() {
        return new SignalIdentity.PublishedKeys(registrationId, identityKey.clone(), signedPreKeyId, signedPreKey.clone(),
                signedPreKeySignature.clone(), takeOneTimePreKey());
    }

    /** Takes a one-time pre-key out of the bundle, if any is left. */
    public synchronized Optional<OneTimePreKey> takeOneTimePreKey() {
        return oneTimePreKeys.isEmpty() ? Optional.empty() : Optional.of(oneTimePreKeys.removeFirst());
    }

    /** How many one-time pre-keys are left: uploaded and not yet handed to anyone. */
    public int oneTimePreKeysLeft() {
        return oneTimePreKeys.size();
    }

    /** The bundle after a later upload of the same device: same identity gets more one-time keys. */
    public PreKeyBundle absorb(PreKeyBundle later) {
        if (!java.util.Arrays.equals(identityKey, later.identityKey) || signedPreKeyId != later.signedPreKeyId) {
            return later;
        }
        oneTimePreKeys.addAll(later.oneTimePreKeys);
        return this;
    }
}
