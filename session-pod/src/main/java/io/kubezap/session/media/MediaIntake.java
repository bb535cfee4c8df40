package io.kubezap.session.media;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.media.conversion.ConvertChoice;
import io.kubezap.session.media.conversion.ConvertedMedia;
import io.kubezap.session.media.conversion.MediaConversion;
import io.kubezap.session.message.MediaAttachment;
import io.kubezap.session.message.MediaInfo;
import io.kubezap.session.message.MediaSource;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Turns the file of a send request (base64 in JSON, a multipart part, or a URL) into a {@link MediaAttachment}:
 * stored and checked now (413 too large for its kind, 415 content not matching the declared type or the kind), and
 * converted into what WhatsApp's apps expect of its kind ({@link MediaConversion}: 422 unreadable or too long), or for
 * a URL, checked for where it points and fetched (and converted) when the message is sent.
 */
@Singleton
public class MediaIntake {

    private final MediaStore store;
    private final MediaLimits limits;
    private final MediaTypes types;
    private final UrlMediaFetcher urls;
    private final StorageQuota quota;
    private final MediaConversion conversion;

    public MediaIntake(MediaStore store, MediaLimits limits, MediaTypes types, UrlMediaFetcher urls, StorageQuota quota,
                       MediaConversion conversion) {
        this.quota = quota;
        this.conversion = conversion;
        this.store = store;
        this.limits = limits;
        this.types = types;
        this.urls = urls;
    }

    /** What the client said about the file, besides its bytes; {@code convert}: its {@code convert} option, or null. */
    public record Declared(MediaKind kind, String mimeType, String fileName, String caption, Boolean convert) {

        public Declared(MediaKind kind, String mimeType, String fileName, String caption) {
            this(kind, mimeType, fileName, caption, null);
        }
    }

    public MediaAttachment fromBase64(Declared declared, String data) {
        quota.refuseWhenExceeded("Media is not sent");
        byte[] ascii = data.getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream decoded = Base64.getMimeDecoder().wrap(new ByteArrayInputStream(ascii))) {
            return stored(declared, decoded);
        } catch (IllegalArgumentException notBase64) {
            throw Failure.invalid("media.data", "is not valid base64");
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public MediaAttachment fromFile(Declared declared, Path upload) {
        quota.refuseWhenExceeded("Media is not sent");
        try (InputStream in = Files.newInputStream(upload)) {
            return stored(declared, in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public MediaAttachment fromUrl(Declared declared, String url) {
        quota.refuseWhenExceeded("Media is not sent");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException invalid) {
            throw Failure.invalid("media.url", "is not a URL");
        }
        String refused = urls.refusal(uri);
        if (refused != null) {
            throw new Failure(Failure.Kind.REFUSED, "url-not-allowed", "URL not allowed", refused);
        }
        String fileName = declared.fileName() != null ? declared.fileName() : fileNameOf(declared.kind(), uri);
        return new MediaAttachment(declared.kind(),
                new MediaInfo(declared.mimeType(), null, null, fileName, declared.caption(), null),
                new MediaSource(uri.toString(), declared.convert()));
    }

    /**
     * The file at {@code url} fetched now (under the same rules as a URL send), checked and stored: for a message whose
     * files must all be in the store before it is queued (a carousel's card images). 413 too large, 422 unreachable.
     */
    public MediaAttachment fetchedNow(Declared declared, String url) {
        MediaAttachment pending = fromUrl(declared, url);
        try {
            MediaInfo checked = urls.fetch(URI.create(pending.source().url()), limits.maxBytes(declared.kind()),
                    fetched -> checkFetched(declared.kind(), pending.info(), declared.convert(), fetched));
            return new MediaAttachment(declared.kind(), checked, null);
        } catch (MediaTooLargeException tooLarge) {
            throw tooLarge(declared.kind(), tooLarge.limit());
        } catch (IOException unreachable) {
            throw new Failure(Failure.Kind.UNPROCESSABLE, "media-unreachable", "Media not fetched",
                    "The file could not be fetched from " + url + ": " + unreachable.getMessage());
        }
    }

    /**
     * A file fetched for a URL send, still in the store's temp area: checked and converted like an uploaded one; what
     * is sent (the converted file, or the file itself) joins the store, the original of a converted file never does.
     * The reason is the message's failure if not.
     */
    public MediaInfo checkFetched(MediaKind kind, MediaInfo declared, Boolean convert, Path fetched) throws IOException {
        String mimeType = types.resolve(kind, MediaStore.headOf(fetched), declared.mimeType(), declared.fileName());
        ConvertedMedia converted = conversion.convert(kind, fetched, ConvertChoice.of(convert), store::newTempFile);
        try {
            MediaStore.StoredFile sent = store.adopt(converted.converted() ? converted.file() : fetched, null);
            return declared.withFile(converted.mimeTypeOr(mimeType), sent.size(), sent.sha256(), converted.facts());
        } finally {
            if (converted.converted()) {
                Files.deleteIfExists(converted.file());
            }
        }
    }

    private MediaAttachment stored(Declared declared, InputStream content) throws IOException {
        Path upload = staged(declared.kind(), content);
        ConvertedMedia converted = null;
        try {
            if (Files.size(upload) == 0) {
                throw Failure.invalid("media", "the file is empty");
            }
            String fileName = declared.fileName() != null ? declared.fileName()
                    : declared.kind() == MediaKind.DOCUMENT ? "document" : null;
            String mimeType = types.resolve(declared.kind(), MediaStore.headOf(upload), declared.mimeType(), fileName);
            converted = conversion.convert(declared.kind(), upload, ConvertChoice.of(declared.convert()), store::newTempFile);
            MediaStore.StoredFile file = store.adopt(converted.converted() ? converted.file() : upload, null);
            MediaInfo named = new MediaInfo(null, null, null, fileName, declared.caption(), null);
            return new MediaAttachment(declared.kind(),
                    named.withFile(converted.mimeTypeOr(mimeType), file.size(), file.sha256(), converted.facts()), null);
        } finally {
            Files.deleteIfExists(upload);
            if (converted != null && converted.converted()) {
                Files.deleteIfExists(converted.file());
            }
        }
    }

    /** The file in the store's temp area: 413 past the kind's limit. */
    private Path staged(MediaKind kind, InputStream content) throws IOException {
        long max = limits.maxBytes(kind);
        try {
            return store.stage(content, max);
        } catch (MediaTooLargeException tooLarge) {
            throw tooLarge(kind, max);
        }
    }

    private static Failure tooLarge(MediaKind kind, long maxBytes) {
        return new Failure(Failure.Kind.TOO_LARGE, "media-too-large", "Media too large",
                "A " + kind.wire() + " may be at most " + maxBytes + " bytes");
    }

    private static String fileNameOf(MediaKind kind, URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!last.isBlank()) {
            return last;
        }
        return kind == MediaKind.DOCUMENT ? "document" : null;
    }
}
