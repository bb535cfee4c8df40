package io.kubezap.session.qr;

/**
 * The text of a QR as current clients render it (Baileys 7, WhatsApp Web, whatsmeow since its QR-link change): WhatsApp's
 * linked-devices link with the pairing payload ({@code ref,noise key,identity key,adv secret[,platform]}) as its
 * fragment. A phone's camera app opens it in WhatsApp's "Link a device" screen; WhatsApp's own scanner reads it as it
 * reads the bare payload. The one definition of what the session shows (API, status, Secret, events, terminal):
 * both engines hand over the payload, and the session turns it into this link.
 */
public final class QrLink {

    public static final String PREFIX = "https://wa.me/settings/linked_devices#";

    private QrLink() {
    }

    /** The link for an engine's QR payload; a payload that already is one is kept as it is. */
    public static String of(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException("a QR needs a payload");
        }
        return payload.startsWith(PREFIX) ? payload : PREFIX + payload;
    }
}
