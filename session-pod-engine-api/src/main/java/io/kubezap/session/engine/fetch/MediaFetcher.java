package io.kubezap.session.engine.fetch;

import io.kubezap.cobalt.media.MediaTransfer;
import io.kubezap.cobalt.media.WhatsAppMediaHosts;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MediaUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Downloads a media file straight from WhatsApp's media host into a file, checked and decrypted as it streams (a
 * channel's file, which WhatsApp keeps unencrypted, checked alone): only
 * from WhatsApp's media hosts, whatever the sender wrote into the message, and never more than its declared size
 * (which {@code MediaFiles} bounds by the configured limit).
 * Both engines' received files come through here, under this one policy (docs/security.md, 2): Cobalt's own
 * {@code downloadMedia} buffers the whole file and, in 0.0.10, cannot decrypt padded files at all; Baileys' fetches any
 * {@code url} the sender wrote, follows redirects and reads without a cap.
 */
public final class MediaFetcher {

    private final Executor executor;

    public MediaFetcher(Executor executor) {
        this.executor = executor;
    }

    /** {@code proxy}: the HTTP proxy to go through, or null. */
    public CompletionStage<Void> fetch(MediaLocator locator, Path target, URI proxy) {
        return CompletableFuture.runAsync(() -> {
            try {
                if (locator.mediaKey() == null && locator.fileSha256() != null) {
                    downloadPlain(locator, target, proxy);
                    return;
                }
                MediaTransfer.downloadDecrypted(WhatsAppMediaHosts.locate(locator.url(), locator.directPath()), proxy,
                        decode(locator.mediaKey()), keyName(locator), decode(locator.fileEncSha256()),
                        decode(locator.fileSha256()), locator.size(), target);
            } catch (IOException | RuntimeException failed) {
                throw new MediaUnavailableException("WhatsApp's copy of the file could not be fetched: " + failed.getMessage(), failed);
            }
        }, executor);
    }

    /**
     * A channel's file: WhatsApp keeps it unencrypted (no media key), so it is checked against its SHA-256 alone as it
     * streams to a file beside the target, which takes its place only when it matches.
     */
    private static void downloadPlain(MediaLocator locator, Path target, URI proxy) throws IOException {
        var partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            var digest = sha256();
            MediaTransfer.downloadMedia(WhatsAppMediaHosts.locate(locator.url(), locator.directPath()), proxy, locator.size(),
                    body -> {
                        try (var out = Files.newOutputStream(partial); var in = new DigestInputStream(body, digest)) {
                            return in.transferTo(out);
                        }
                    });
            if (!MessageDigest.isEqual(digest.digest(), decode(locator.fileSha256()))) {
                throw new IOException("the file does not match its SHA-256");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }

    /** The HKDF info WhatsApp derives a file's keys with, by the kind of message that carries it. */
    private static String keyName(MediaLocator locator) {
        return switch (locator.kind()) {
            case IMAGE, STICKER -> "WhatsApp Image Keys";
            case VIDEO -> "WhatsApp Video Keys";
            case AUDIO, VOICE -> "WhatsApp Audio Keys";
            case DOCUMENT -> "WhatsApp Document Keys";
        };
    }

    private static byte[] decode(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("the message lacks the media's keys");
        }
        return Base64.getDecoder().decode(base64);
    }
}
