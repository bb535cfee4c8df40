package io.kubezap.simulator.phone;

import io.kubezap.simulator.noise.X25519;

import java.util.Arrays;

/**
 * A phone linking a companion by the code the companion shows: the phone unwraps the companion's
 * ephemeral key with the typed code, answers with its own wrapped ephemeral key and identity
 * ({@code primary_hello}), then opens the companion's key bundle ({@code companion_finish}) and
 * derives the adv secret. From there on it is QR pairing with that secret.
 */
public final class CodeLinking {
    private final LinkCodeCrypto crypto = new LinkCodeCrypto();

    /** The companion's {@code companion_hello}, as the server stored it under the ref it returned. */
    public record CompanionHello(String ref, String phoneNumber, byte[] wrappedCompanionEphemeral, byte[] companionNoiseKey) {
    }

    /** The phone's answer, and the secret it keeps until the companion finishes. */
    public record PrimaryHello(CompanionHello hello, SimulatedPhone phone, byte[] wrappedPrimaryEphemeral,
                               byte[] primaryIdentity, byte[] ephemeralSharedSecret) {
    }

    public PrimaryHello enterCode(SimulatedPhone phone, CompanionHello hello, String typedCode) {
        var code = LinkCodeCrypto.normalizeCode(typedCode);
        var companionEphemeral = crypto.unwrapKey(code, hello.wrappedCompanionEphemeral());
        var primaryEphemeral = X25519.generate();
        var shared = X25519.sharedSecret(primaryEphemeral.privateKey(), companionEphemeral);
        return new PrimaryHello(hello, phone, crypto.wrapKey(code, primaryEphemeral.publicKey()), phone.accountPublicKey(), shared);
    }

    /**
     * Opens the companion's key bundle and returns what a QR code would have carried.
     *
     * @throws IllegalArgumentException when the bundle does not open (wrong code) or names other keys
     */
    public QrCode finish(PrimaryHello pending, byte[] wrappedKeyBundle, byte[] companionIdentity) {
        var bundle = crypto.openKeyBundle(pending.ephemeralSharedSecret(), wrappedKeyBundle);
        if (!Arrays.equals(bundle.companionIdentity(), companionIdentity)) {
            throw new IllegalArgumentException("The key bundle names another companion identity key than companion_identity_public");
        }
        if (!Arrays.equals(bundle.primaryIdentity(), pending.primaryIdentity())) {
            throw new IllegalArgumentException("The key bundle names another primary identity key than this phone's");
        }
        var identityShared = X25519.sharedSecret(pending.phone().accountPrivateKey(), companionIdentity);
        var advSecret = LinkCodeCrypto.advSecret(pending.ephemeralSharedSecret(), identityShared, bundle.advRandom());
        var hello = pending.hello();
        return new QrCode(hello.ref(), hello.companionNoiseKey(), companionIdentity, advSecret);
    }
}
