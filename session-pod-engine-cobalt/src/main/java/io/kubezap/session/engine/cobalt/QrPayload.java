package io.kubezap.session.engine.cobalt;

import java.util.Base64;

/**
 * The text a WhatsApp Web QR code carries: {@code ref,noise public key,identity public key,adv secret,1},
 * the keys in standard Base64. The phone reads the keys from it to link this device.
 */
public final class QrPayload {

    private static final String PLATFORM_MARKER = "1";

    private QrPayload() {
    }

    public static String of(String ref, byte[] noisePublicKey, byte[] identityPublicKey, byte[] advSecret) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("a QR needs a ref from the server's pair-device request");
        }
        var base64 = Base64.getEncoder();
        return String.join(",", ref, base64.encodeToString(noisePublicKey), base64.encodeToString(identityPublicKey),
                base64.encodeToString(advSecret), PLATFORM_MARKER);
    }
}
