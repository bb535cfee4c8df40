package io.kubezap.simulator.signal;

import java.util.Arrays;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The plaintext of a WhatsApp text message: a {@code Message} protobuf with only
 * {@code conversation} (field 1), followed by 1–16 padding bytes each holding the padding length.
 */
public final class TextMessage {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TextMessage() {
    }

    /**
     * The text of a padded plaintext: {@code conversation} (field 1) or the text (field 1) of an
     * {@code extendedTextMessage} (field 6); empty for other message kinds.
     */
    public static Optional<String> textOf(byte[] paddedPlaintext) {
        if (paddedPlaintext.length == 0) {
            return Optional.empty();
        }
        var padding = paddedPlaintext[paddedPlaintext.length - 1] & 0xFF;
        var message = ProtobufReader.read(paddedPlaintext, 0, Math.max(0, paddedPlaintext.length - padding));
        return message.bytes(1)
                .or(() -> message.bytes(6).flatMap(extended -> ProtobufReader.read(extended).bytes(1)))
                .map(text -> new String(text, StandardCharsets.UTF_8));
    }

    /** The {@code Message} of a padded plaintext, padding removed. */
    public static byte[] unpadded(byte[] paddedPlaintext) {
        if (paddedPlaintext.length == 0) {
            return paddedPlaintext;
        }
        var padding = paddedPlaintext[paddedPlaintext.length - 1] & 0xFF;
        return Arrays.copyOf(paddedPlaintext, Math.max(0, paddedPlaintext.length - padding));
    }

    /** The id a text reply quotes: {@code extendedTextMessage.contextInfo.stanzaId}. */
    public static Optional<String> quotedIdOf(byte[] paddedPlaintext) {
        return ProtobufReader.read(unpadded(paddedPlaintext)).bytes(6)
                .flatMap(extended -> ProtobufReader.read(extended).bytes(17))
                .flatMap(context -> ProtobufReader.read(context).string(1));
    }

    /** The accounts a text mentions: {@code extendedTextMessage.contextInfo.mentionedJid}. */
    public static java.util.List<String> mentionsOf(byte[] message) {
        return ProtobufReader.read(message).bytes(6)
                .flatMap(extended -> ProtobufReader.read(extended).bytes(17))
                .map(context -> ProtobufReader.read(context).all(15).stream()
                        .map(jid -> new String(jid, StandardCharsets.UTF_8)).toList())
                .orElse(java.util.List.of());
    }

    /** A text reply: {@code extendedTextMessage} with the text and a {@code contextInfo} naming the quoted message. */
    public static byte[] reply(String text, ProtobufWriter contextInfo) {
        var extended = new ProtobufWriter().string(1, text).message(17, contextInfo);
        return new ProtobufWriter().message(6, extended).toByteArray();
    }

    public static byte[] paddedPlaintext(String text) {
        return padded(new ProtobufWriter().string(1, text).toByteArray());
    }

    /** Any {@code Message} protobuf as Signal's plaintext: followed by 1–16 bytes each holding the padding length. */
    public static byte[] padded(byte[] message) {
        var padding = 1 + RANDOM.nextInt(16);
        var result = new byte[message.length + padding];
        System.arraycopy(message, 0, result, 0, message.length);
        for (var i = message.length; i < result.length; i++) {
            result[i] = (byte) padding;
        }
        return result;
    }
}
