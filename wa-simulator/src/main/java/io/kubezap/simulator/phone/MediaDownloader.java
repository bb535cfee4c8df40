package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaHostException;
import io.kubezap.simulator.media.MediaIntegrityException;
import io.kubezap.simulator.media.MediaMessage;

import java.util.logging.Logger;

/** What a phone does with a media message it receives: download the blob from the media host, check and decrypt it. */
final class MediaDownloader {
    private static final Logger LOG = Logger.getLogger(MediaDownloader.class.getName());

    private MediaDownloader() {
    }

    static ReceivedMedia fetch(String phoneNumber, String messageId, MediaMessage message, MediaHost host) {
        try {
            var address = message.directPath() != null ? message.directPath() : message.url();
            if (address == null || message.mediaKey() == null) {
                throw new MediaIntegrityException(MediaIntegrityException.Reason.NOT_FOUND, "the message has no directPath/url or no mediaKey");
            }
            byte[] blob;
            try {
                blob = host.download(address);
            } catch (MediaHostException exception) {
                throw new MediaIntegrityException(MediaIntegrityException.Reason.NOT_FOUND, "download failed: " + exception.status() + " " + exception.getMessage());
            }
            var data = MediaCipher.decrypt(blob, message.type(), message.mediaKey(), message.fileSha256(), message.fileEncSha256(),
                    message.fileLength());
            return ReceivedMedia.accepted(message, data);
        } catch (MediaIntegrityException | IllegalArgumentException exception) {
            var reason = exception instanceof MediaIntegrityException integrity ? integrity.reason().name() : "UNDECRYPTABLE";
            var rejection = reason + ": " + exception.getMessage();
            LOG.warning(() -> phoneNumber + " rejected the " + message.type().id() + " of message " + messageId + ": " + rejection);
            return ReceivedMedia.rejected(message, rejection);
        }
    }
}
