package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.util.Medias;

import java.util.concurrent.CompletableFuture;

/**
 * Uploads the media of a message Cobalt 0.0.10 does not upload itself: it uploads only the photo or video a message it
 * models holds at its top (not an HD original, not a carousel card's picture). Done as Cobalt does it, with the
 * replaced {@code Medias}, through the session's proxy when media may use it.
 */
final class MediaUploads {

    private MediaUploads() {
    }

    /** {@code media} (built by Cobalt around a staged file, not uploaded yet) uploaded, its upload's fields set on it. */
    static <T extends MediaMessage<?>> CompletableFuture<T> upload(Whatsapp client, T media) {
        if (media.decodedMedia().isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no file to upload for " + media.mediaType()));
        }
        var store = client.store();
        var userAgent = store.device().toUserAgent(store.version()).orElse(null);
        var proxy = store.proxy().filter(ignored -> store.mediaProxySetting().allowsUploads()).orElse(null);
        return Medias.upload(media.decodedMedia().get(), media.attachmentType(), store.mediaConnection(), proxy, userAgent)
                .thenApply(upload -> {
                    media.setMediaSha256(upload.fileSha256()).setMediaEncryptedSha256(upload.fileEncSha256())
                            .setMediaKey(upload.mediaKey()).setMediaUrl(upload.url()).setMediaKeyTimestamp(upload.timestamp())
                            .setMediaDirectPath(upload.directPath()).setMediaSize(upload.fileLength());
                    return media;
                });
    }
}
