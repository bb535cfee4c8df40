package io.kubezap.simulator.phone;

import io.kubezap.simulator.noise.Crypto;
import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.signal.auth.DeviceIdentity;
import it.auties.whatsapp.model.signal.auth.DeviceIdentitySpec;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentity;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentityHMAC;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentityHMACSpec;
import it.auties.whatsapp.model.signal.auth.SignedDeviceIdentitySpec;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;

/**
 * The ADV (account device verification) exchange a phone performs when it scans a QR code:
 * the account key signs the new device's identity, the bundle is authenticated with the adv
 * secret from the QR, and the companion must answer with its own device signature.
 */
public final class DeviceLinker {
    private static final byte[] ACCOUNT_SIGNATURE_PREFIX = {6, 0};
    private static final byte[] DEVICE_SIGNATURE_PREFIX = {6, 1};

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public DeviceLinker(Clock clock) {
        this.clock = clock;
    }

    public PairingOffer offer(SimulatedPhone phone, QrCode qr) {
        var companionJid = phone.nextCompanionJid();
        var details = DeviceIdentitySpec.encode(new DeviceIdentity(random.nextInt(Integer.MAX_VALUE), clock.instant().getEpochSecond(), companionJid.device()));
        var accountSignature = Curve25519.sign(phone.accountPrivateKey(), Crypto.concat(ACCOUNT_SIGNATURE_PREFIX, details, qr.identityKey()));
        var signedIdentity = SignedDeviceIdentitySpec.encode(new SignedDeviceIdentity(details, phone.accountPublicKey(), accountSignature, null));
        var authenticated = SignedDeviceIdentityHMACSpec.encode(new SignedDeviceIdentityHMAC(signedIdentity, Crypto.hmacSha256(qr.advSecret(), signedIdentity)));
        return new PairingOffer(phone, companionJid, qr, details, authenticated);
    }

    /**
     * Checks the companion's {@code pair-device-sign} answer and links the device.
     *
     * @throws IllegalArgumentException when the companion signed other details or with another key
     */
    public LinkedDevice confirm(PairingOffer offer, byte[] companionSignedIdentity) {
        var signed = SignedDeviceIdentitySpec.decode(companionSignedIdentity);
        if (!Arrays.equals(signed.details(), offer.details())) {
            throw new IllegalArgumentException("The companion signed device details other than the ones offered");
        }
        var message = Crypto.concat(DEVICE_SIGNATURE_PREFIX, offer.details(), offer.qr().identityKey(), offer.phone().accountPublicKey());
        if (signed.deviceSignature() == null || !Curve25519.verifySignature(offer.qr().identityKey(), message, signed.deviceSignature())) {
            throw new IllegalArgumentException("The companion's device signature does not verify with the identity key from its QR code");
        }
        var device = new LinkedDevice(offer.companionJid(), offer.qr().noiseKey(), offer.qr().identityKey());
        offer.phone().addDevice(device);
        return device;
    }

}
