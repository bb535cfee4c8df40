package io.kubezap.simulator.signal;

import java.security.SecureRandom;

/**
 * The plaintext of a WhatsApp text message: a {@code Message} protobuf with only
 * {@code conversation} (field 1), followed by 1–16 padding bytes each holding the padding length.
 */
public final class TextMessage {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TextMessage() {
    }

    public static byte[] paddedPlaintext(String text) {
        var message = new ProtobufWriter().string(1, text).toByteArray();
        var padding = 1 + RANDOM.nextInt(16);
        var result = new byte[message.length + padding];
        System.arraycopy(message, 0, result, 0, message.length);
        for (var i = message.length; i < result.length; i++) {
            result[i] = (byte) padding;
        }
        return result;
    }
}
