package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;

import java.util.HexFormat;

/**
 * The media of a message a phone received: what the message declared and either the bytes the phone
 * downloaded and decrypted (every hash and the MAC checked) or why it rejected them.
 *
 * @param data      the decrypted file, null when rejected
 * @param rejection why the phone refused to show it (e.g. {@code MAC_MISMATCH: …}), null when accepted
 */
public record ReceivedMedia(MediaType type, String mimeType, String fileName, long declaredLength, Integer seconds,
                            Integer width, Integer height, byte[] data, String rejection) {
    static ReceivedMedia accepted(MediaMessage message, byte[] data) {
        return new ReceivedMedia(message.type(), message.mimeType(), message.fileName(), message.fileLength(), message.seconds(),
                message.width(), message.height(), data, null);
    }

    static ReceivedMedia rejected(MediaMessage message, String rejection) {
        return new ReceivedMedia(message.type(), message.mimeType(), message.fileName(), message.fileLength(), message.seconds(),
                message.width(), message.height(), null, rejection);
    }

    public boolean isAccepted() {
        return data != null;
    }

    /** The decrypted size, or the declared one when rejected. */
    public long size() {
        return data != null ? data.length : declaredLength;
    }

    /** Hex SHA-256 of the decrypted bytes; null when rejected. */
    public String sha256() {
        return data == null ? null : HexFormat.of().formatHex(MediaCipher.sha256(data));
    }
}
