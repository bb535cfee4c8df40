package io.kubezap.cobalt.media;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Lets a file on disk travel through Cobalt's message builders, which take the whole media as a {@code byte[]}
 * and keep it on the message for as long as the message lives in Cobalt's store. The caller passes a one-byte
 * stand-in instead; {@code Medias} recognises it (by identity) and reads the file, streaming, when it uploads
 * or needs metadata. Entries go when Cobalt drops the stand-in.
 */
public final class StagedMedia {

    private static final Map<byte[], Path> STAGED = Collections.synchronizedMap(new WeakHashMap<>());

    private StagedMedia() {
    }

    /** A stand-in for {@code file}, to hand to Cobalt's builders in place of the bytes. */
    public static byte[] stage(Path file) {
        var standIn = new byte[1];
        STAGED.put(standIn, file);
        return standIn;
    }

    /** The file {@code media} stands in for, or empty when {@code media} holds real bytes. */
    public static Optional<Path> fileOf(byte[] media) {
        return media == null ? Optional.empty() : Optional.ofNullable(STAGED.get(media));
    }
}
