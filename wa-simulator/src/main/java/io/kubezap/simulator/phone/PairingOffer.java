package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

/**
 * A phone's answer to a scanned QR code, waiting for the companion's signature: the JID the
 * companion will get, the keys it showed, and the signed device identity sent in
 * {@code pair-success}.
 */
public record PairingOffer(SimulatedPhone phone, Jid companionJid, QrCode qr, byte[] details, byte[] signedIdentityHmac) {
}
