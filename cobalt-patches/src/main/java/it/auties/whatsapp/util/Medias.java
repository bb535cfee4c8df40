package it.auties.whatsapp.util;

import io.kubezap.cobalt.media.MediaCipher;
import io.kubezap.cobalt.media.MediaTransfer;
import io.kubezap.cobalt.media.WhatsAppMediaHosts;
import io.kubezap.cobalt.media.StagedMedia;
import it.auties.whatsapp.model.media.AttachmentType;
import it.auties.whatsapp.model.media.MediaConnection;
import it.auties.whatsapp.model.media.MediaDimensions;
import it.auties.whatsapp.model.media.MediaFile;
import it.auties.whatsapp.model.media.MediaUpload;
import it.auties.whatsapp.model.media.MutableAttachmentProvider;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;

/**
 * Replaces Cobalt 0.0.10's {@code util.Medias} (same package, same public static signatures; the original class is
 * removed from Cobalt's jar by the application's class loading, or shadowed on a test class path). Cobalt's own
 * class MACs uploads without the IV, so real phones reject every file it sends, and cannot decrypt any padded
 * download; it also needs Aspose (not on Maven Central) and ffprobe. This one does WhatsApp's media encryption
 * as the protocol describes it ({@link MediaCipher}), streams files staged with {@link StagedMedia}, and reads
 * metadata only as far as the JDK can: image dimensions and thumbnails; no durations, page counts or waveforms.
 */
public final class Medias {

    /** Set to {@code true} to MAC uploads as Cobalt 0.0.10 does (no IV): lets a test show what a phone makes of it. */
    public static final String COBALT_UPLOAD_MAC = "kubezap.test.cobaltUploadMac";
    private static final int THUMBNAIL_SIZE = 32;
    /** The most a download of undeclared size may bring (Cobalt downloads into memory). */
    private static final long DOWNLOAD_MAX_BYTES = 256L << 20;

    private Medias() {
    }

    public static byte[] getProfilePic(byte[] file) {
        return getImageThumbnail(file, true);
    }

    @SafeVarargs
    public static CompletableFuture<byte[]> downloadAsync(URI uri, URI proxy, Map.Entry<String, String>... headers) {
        return downloadAsync(uri, proxy, null, headers);
    }

    @SafeVarargs
    public static CompletableFuture<byte[]> downloadAsync(URI uri, URI proxy, String userAgent, Map.Entry<String, String>... headers) {
        if (uri == null) {
            return CompletableFuture.completedFuture(null);
        }
        var all = new LinkedHashMap<String, String>();
        if (userAgent != null) {
            all.put("User-Agent", userAgent);
        }
        for (var header : headers) {
            all.put(header.getKey(), header.getValue());
        }
        return CompletableFuture.supplyAsync(() -> unchecked(() -> MediaTransfer.download(uri, all, proxy, InputStream::readAllBytes)));
    }

    public static CompletableFuture<MediaFile> upload(byte[] file, AttachmentType type, MediaConnection connection, URI proxy, String userAgent) {
        return CompletableFuture.supplyAsync(() -> unchecked(() -> uploadNow(file, type, connection, proxy, userAgent)));
    }

    private static MediaFile uploadNow(byte[] file, AttachmentType type, MediaConnection connection, URI proxy,
                                       String userAgent) throws IOException {
        var keyName = type.keyName().orElseThrow(() -> new UnsupportedOperationException(type + " is not encrypted"));
        var path = type.path().orElseThrow(() -> new UnsupportedOperationException(type + " cannot be uploaded"));
        var blob = Files.createTempFile("kubezap-upload-", ".enc");
        try {
            MediaCipher.Encrypted encrypted;
            try (var plain = plainOf(file, type); var out = Files.newOutputStream(blob)) {
                encrypted = MediaCipher.encrypt(plain, out, keyName, Boolean.getBoolean(COBALT_UPLOAD_MAC));
            }
            var token = Base64.getUrlEncoder().withoutPadding().encodeToString(encrypted.fileEncSha256());
            var target = URI.create("https://%s/%s/%s?auth=%s&token=%s".formatted(MediaTransfer.DEFAULT_HOST, path, token,
                    URLEncoder.encode(connection.auth(), StandardCharsets.UTF_8), token));
            var headers = new LinkedHashMap<String, String>();
            headers.put("Content-Type", "application/octet-stream");
            headers.put("Origin", "https://web.whatsapp.com");
            if (userAgent != null) {
                headers.put("User-Agent", userAgent);
            }
            var answer = MediaTransfer.upload(target, blob, headers, proxy);
            var upload = MediaUpload.ofJson(answer).filter(parsed -> parsed.directPath() != null)
                    .orElseThrow(() -> new IOException("the media host refused the upload: " + new String(answer, StandardCharsets.UTF_8)));
            // the encrypted bytes are not kept: nothing in Cobalt reads them back for a message's media
            return new MediaFile(null, encrypted.fileSha256(), encrypted.fileEncSha256(), encrypted.mediaKey(),
                    encrypted.fileLength(), upload.directPath(), upload.url(), upload.handle(), Clock.nowSeconds());
        } finally {
            Files.deleteIfExists(blob);
        }
    }

    private static InputStream plainOf(byte[] file, AttachmentType type) throws IOException {
        var staged = StagedMedia.fileOf(file);
        if (staged.isPresent()) {
            return new BufferedInputStream(Files.newInputStream(staged.get()));
        }
        return new ByteArrayInputStream(type.inflatable() ? deflate(file) : file);
    }

    public static CompletableFuture<byte[]> downloadAsync(MutableAttachmentProvider<?> provider, URI proxy) {
        return CompletableFuture.supplyAsync(() -> unchecked(() -> downloadNow(provider, proxy)));
    }

    public static <T> CompletableFuture<T> downloadAsync(MutableAttachmentProvider<?> provider, URI proxy, Function<InputStream, T> decoder) {
        return downloadAsync(provider, proxy).thenApply(data -> decoder.apply(new ByteArrayInputStream(data)));
    }

    private static byte[] downloadNow(MutableAttachmentProvider<?> provider, URI proxy) throws IOException {
        var source = WhatsAppMediaHosts.locate(provider.mediaUrl().orElse(null), provider.mediaDirectPath().orElse(null));
        var keyName = provider.attachmentType().keyName().orElseThrow(() -> new IOException("the media is not encrypted"));
        var mediaKey = provider.mediaKey().orElseThrow(() -> new IOException("the media has no key"));
        long maxBytes = MediaTransfer.encryptedLength(provider.mediaSize().orElse(DOWNLOAD_MAX_BYTES));
        return MediaTransfer.downloadMedia(source, proxy, maxBytes, body -> {
            var plain = new ByteArrayOutputStream();
            MediaCipher.decrypt(body, plain, mediaKey, keyName, provider.mediaEncryptedSha256().orElse(null),
                    provider.mediaSha256().orElse(null));
            return plain.toByteArray();
        });
    }

    public static String createMediaUrl(String directPath) {
        return MediaTransfer.urlOf(directPath).toString();
    }

    public static Optional<String> getMimeType(String name) {
        if (name == null || name.lastIndexOf('.') < 0) {
            return Optional.empty();
        }
        return getMimeType(Path.of("file" + name.substring(name.lastIndexOf('.'))));
    }

    public static Optional<String> getMimeType(Path path) {
        try {
            return Optional.ofNullable(Files.probeContentType(path));
        } catch (IOException unknown) {
            return Optional.empty();
        }
    }

    public static Optional<String> getMimeType(byte[] file) {
        try (var content = open(file)) {
            return Optional.ofNullable(URLConnection.guessContentTypeFromStream(content));
        } catch (IOException unknown) {
            return Optional.empty();
        }
    }

    public static int getPagesCount(byte[] file) {
        return 1;
    }

    public static int getDuration(byte[] file) {
        return 0;
    }

    public static MediaDimensions getDimensions(byte[] file, boolean video) {
        var image = video ? null : readImage(file);
        return image == null ? MediaDimensions.defaultDimensions() : new MediaDimensions(image.getWidth(), image.getHeight());
    }

    public static byte[] getDocumentThumbnail(byte[] file) {
        return null;
    }

    public static byte[] getImageThumbnail(byte[] file, boolean jpg) {
        var image = readImage(file);
        if (image == null) {
            return null;
        }
        var thumbnail = new BufferedImage(THUMBNAIL_SIZE, THUMBNAIL_SIZE, BufferedImage.TYPE_INT_RGB);
        var graphics = thumbnail.createGraphics();
        graphics.drawImage(image, 0, 0, THUMBNAIL_SIZE, THUMBNAIL_SIZE, null);
        graphics.dispose();
        try (var output = new ByteArrayOutputStream()) {
            ImageIO.write(thumbnail, jpg ? "jpg" : "png", output);
            return output.toByteArray();
        } catch (IOException unreadable) {
            return null;
        }
    }

    public static byte[] getVideoThumbnail(byte[] file) {
        return null;
    }

    public static byte[] getAudioWaveForm(byte[] audioData) {
        return null;
    }

    private static BufferedImage readImage(byte[] file) {
        try (var content = open(file)) {
            return ImageIO.read(content);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static InputStream open(byte[] file) throws IOException {
        var staged = StagedMedia.fileOf(file);
        return staged.isPresent() ? new BufferedInputStream(Files.newInputStream(staged.get())) : new ByteArrayInputStream(file);
    }

    private static byte[] deflate(byte[] data) throws IOException {
        var output = new ByteArrayOutputStream();
        try (var deflater = new DeflaterOutputStream(output)) {
            deflater.write(data);
        }
        return output.toByteArray();
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T unchecked(IoSupplier<T> action) {
        try {
            return action.get();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
