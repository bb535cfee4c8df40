package io.kubezap.session.media;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.media.conversion.AudioExtracts;
import io.kubezap.session.media.conversion.FfmpegMissingException;
import io.kubezap.session.media.conversion.MediaInput;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message's file in another form ({@code GET …/media?format=mp3}): computed once, from the stored file, and kept in
 * the media store under a name made of the file's and the form's ({@link #nameOf}), so the next request finds it, and
 * the store removes it with the file it came from ({@link MediaStore#delete}), when the retention removes the message's
 * media. The file is judged as a send of its kind is ({@link MediaTypes}: a contact's file is anybody's) and read by
 * FFmpeg only through its kind's demuxers ({@link MediaInput}).
 */
@Singleton
public class DerivedMedia {

    private static final Set<MediaKind> WITH_SOUND = Set.of(MediaKind.VOICE, MediaKind.AUDIO, MediaKind.VIDEO);

    private final MediaStore store;
    private final AudioExtracts extracts;
    private final MediaTypes types;
    private final ConcurrentHashMap<String, Object> computing = new ConcurrentHashMap<>();

    public DerivedMedia(MediaStore store, AudioExtracts extracts, MediaTypes types) {
        this.store = store;
        this.extracts = extracts;
        this.types = types;
    }

    /** {@code file} (of a {@code kind} message) as {@code format}: the kept one, or computed now and kept. */
    public MediaFiles.StoredMedia of(MediaKind kind, MediaFiles.StoredMedia file, AudioExtracts.Format format) {
        if (!WITH_SOUND.contains(kind)) {
            throw Failure.invalid("format", "applies to a voice note, audio or a video, not to a " + kind.wire());
        }
        String name = nameOf(file.sha256(), format);
        Object lock = computing.computeIfAbsent(name, key -> new Object());
        try {
            synchronized (lock) {
                return store.find(name).map(size -> new MediaFiles.StoredMedia(name, size))
                        .orElseGet(() -> computed(kind, file, format, name));
            }
        } finally {
            computing.remove(name, lock);
        }
    }

    private MediaFiles.StoredMedia computed(MediaKind kind, MediaFiles.StoredMedia file, AudioExtracts.Format format, String name) {
        try (MediaStore.LocalFile local = store.localFile(file.sha256())) {
            types.resolve(kind, MediaStore.headOf(local.path()), null, null);
            Path derived = extracts.extract(local.path(), MediaInput.withSound(kind), format, store::newTempFile);
            return new MediaFiles.StoredMedia(name, store.keepAs(name, derived));
        } catch (FfmpegMissingException missing) {
            throw new Failure(Failure.Kind.UNAVAILABLE, "media-conversion-unavailable", "Media conversion unavailable",
                    "This pod cannot convert media: " + missing.getMessage());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The store's name of {@code sha256}'s file as {@code format}: a SHA-256 too, of both. */
    static String nameOf(String sha256, AudioExtracts.Format format) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("derived:" + format.extension() + ":" + sha256).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The names every derived form of {@code sha256}'s file would have. */
    static java.util.List<String> namesOf(String sha256) {
        return java.util.Arrays.stream(AudioExtracts.Format.values()).map(format -> nameOf(sha256, format)).toList();
    }
}
