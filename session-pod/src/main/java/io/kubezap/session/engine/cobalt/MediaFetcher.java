package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.media.MediaTransfer;
import io.kubezap.cobalt.media.WhatsAppMediaHosts;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MediaUnavailableException;
import it.auties.whatsapp.model.media.AttachmentType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Downloads a media file straight from WhatsApp's media host into a file, checked and decrypted as it streams: only
 * from WhatsApp's media hosts, whatever the sender wrote into the message, and never more than its declared size
 * (which {@code MediaFiles} bounds by the configured limit).
 * Cobalt's own {@code downloadMedia} buffers the whole file and, in 0.0.10, cannot decrypt padded files at all.
 */
final class MediaFetcher {

    private final Executor executor;

    MediaFetcher(Executor executor) {
        this.executor = executor;
    }

    /** {@code proxy}: the HTTP proxy to go through, or null. */
    CompletionStage<Void> fetch(MediaLocator locator, Path target, URI proxy) {
        return CompletableFuture.runAsync(() -> {
            try {
                MediaTransfer.downloadDecrypted(WhatsAppMediaHosts.locate(locator.url(), locator.directPath()), proxy,
                        decode(locator.mediaKey()), keyName(locator), decode(locator.fileEncSha256()),
                        decode(locator.fileSha256()), locator.size(), target);
            } catch (IOException | RuntimeException failed) {
                throw new MediaUnavailableException("WhatsApp's copy of the file could not be fetched: " + failed.getMessage(), failed);
            }
        }, executor);
    }

    private static String keyName(MediaLocator locator) {
        var type = switch (locator.kind()) {
            case IMAGE, STICKER -> AttachmentType.IMAGE;
            case VIDEO -> AttachmentType.VIDEO;
            case AUDIO, VOICE -> AttachmentType.AUDIO;
            case DOCUMENT -> AttachmentType.DOCUMENT;
        };
        return type.keyName().orElseThrow();
    }

    private static byte[] decode(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("the message lacks the media's keys");
        }
        return Base64.getDecoder().decode(base64);
    }
}
