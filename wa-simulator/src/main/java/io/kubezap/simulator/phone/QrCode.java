package io.kubezap.simulator.phone;

import java.util.Base64;

/**
 * What a companion shows in its QR code: {@code ref,noiseKey,identityKey,advSecret[,platform]},
 * the keys base64-encoded, bare (older clients) or as the fragment of the link current clients
 * render, {@code https://wa.me/settings/linked_devices#ref,…}, which a phone's camera app opens in
 * WhatsApp's linked-devices screen. The phone reads either and answers through the server.
 */
public record QrCode(String ref, byte[] noiseKey, byte[] identityKey, byte[] advSecret) {
    /** The link current clients (Baileys 7, WhatsApp Web) put in front of the payload. */
    public static final String LINK_PREFIX = "https://wa.me/settings/linked_devices#";

    public static QrCode parse(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("No QR payload");
        }
        var trimmed = payload.trim();
        var bare = trimmed.startsWith(LINK_PREFIX) ? trimmed.substring(LINK_PREFIX.length()) : trimmed;
        var parts = bare.split(",");
        if (parts.length < 4) {
            throw new IllegalArgumentException("A QR payload has at least 4 comma-separated parts: ref,noiseKey,identityKey,advSecret");
        }
        try {
            var decoder = Base64.getDecoder();
            return new QrCode(parts[0], decoder.decode(parts[1]), decoder.decode(parts[2]), decoder.decode(parts[3]));
        } catch (IllegalArgumentException exception) {
            throw new IllegalArgumentException("The QR payload's keys are not base64", exception);
        }
    }
}
