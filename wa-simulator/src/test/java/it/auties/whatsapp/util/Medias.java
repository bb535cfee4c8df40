package it.auties.whatsapp.util;

import it.auties.whatsapp.model.media.AttachmentType;
import it.auties.whatsapp.model.media.MediaConnection;
import it.auties.whatsapp.model.media.MediaDimensions;
import it.auties.whatsapp.model.media.MediaFile;
import it.auties.whatsapp.model.media.MediaKeys;
import it.auties.whatsapp.model.media.MediaUpload;
import it.auties.whatsapp.model.media.MutableAttachmentProvider;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;

/**
 * TEST-ONLY stand-in for Cobalt 0.0.10's {@code util.Medias}, shadowing it on the test class path
 * (test classes come before dependencies), written from the protocol description — not from Cobalt's
 * code. Cobalt 0.0.10's own class MACs uploads without the IV (a real phone rejects them) and its
 * {@code downloadAsync} cannot decrypt any padded file (it throws "Unexpected plaintext length"):
 * see the wa-simulator README, "Cobalt 0.0.10 findings". Every public static method Cobalt calls is
 * kept with its exact signature; media metadata is read only as far as the JDK can (no ffprobe, no Aspose).
 */
public final class Medias {
    private static final String HOST = "mmg.whatsapp.net";
    private static final int MAC_LENGTH = 10;
    private static final int THUMBNAIL_SIZE = 32;
    /** Set to {@code true} to MAC uploads as Cobalt 0.0.10's own class does (ciphertext only, no IV), to show what a phone makes of that. */
    public static final String COBALT_UPLOAD_MAC = "kubezap.test.cobaltUploadMac";

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
        var request = HttpRequest.newBuilder(uri);
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        for (var header : headers) {
            request.header(header.getKey(), header.getValue());
        }
        return get(request.build(), proxy);
    }

    public static CompletableFuture<MediaFile> upload(byte[] file, AttachmentType type, MediaConnection connection, URI proxy, String userAgent) {
        var data = type.inflatable() ? deflate(file) : file;
        var keyName = type.keyName().orElseThrow(() -> new UnsupportedOperationException(type + " is not encrypted"));
        var path = type.path().orElseThrow(() -> new UnsupportedOperationException(type + " cannot be uploaded"));
        var keys = MediaKeys.random(keyName);
        var blob = encrypt(data, keys);
        var fileSha256 = sha256(data);
        var fileEncSha256 = sha256(blob);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(fileEncSha256);
        var uri = URI.create("https://%s/%s/%s?auth=%s&token=%s".formatted(HOST, path, token,
                URLEncoder.encode(connection.auth(), StandardCharsets.UTF_8), token));
        var request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob))
                .header("Content-Type", "application/octet-stream")
                .header("Origin", "https://web.whatsapp.com");
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return get(request.build(), proxy).thenApply(body -> {
            var upload = MediaUpload.ofJson(body).orElseThrow(() -> new IllegalArgumentException("Cannot parse the upload response"));
            if (upload.directPath() == null) {
                throw new IllegalArgumentException("Upload refused: " + new String(body, StandardCharsets.UTF_8));
            }
            return new MediaFile(blob, fileSha256, fileEncSha256, keys.mediaKey(), data.length, upload.directPath(), upload.url(),
                    upload.handle(), Clock.nowSeconds());
        });
    }

    public static CompletableFuture<byte[]> downloadAsync(MutableAttachmentProvider<?> provider, URI proxy) {
        var url = provider.mediaUrl().or(() -> provider.mediaDirectPath().map(Medias::createMediaUrl));
        if (url.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Missing url or direct path from media"));
        }
        return get(HttpRequest.newBuilder(URI.create(url.get())).build(), proxy).thenApply(blob -> decrypt(provider, blob));
    }

    public static <T> CompletableFuture<T> downloadAsync(MutableAttachmentProvider<?> provider, URI proxy, Function<InputStream, T> decoder) {
        return downloadAsync(provider, proxy).thenApply(data -> decoder.apply(new ByteArrayInputStream(data)));
    }

    public static String createMediaUrl(String directPath) {
        return "https://" + HOST + directPath;
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
        } catch (IOException exception) {
            return Optional.empty();
        }
    }

    public static Optional<String> getMimeType(byte[] file) {
        try {
            return Optional.ofNullable(URLConnection.guessContentTypeFromStream(new ByteArrayInputStream(file)));
        } catch (IOException exception) {
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
        } catch (IOException exception) {
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
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException exception) {
            return null;
        }
    }

    private static CompletableFuture<byte[]> get(HttpRequest request, URI proxy) {
        var builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS);
        if (proxy != null) {
            builder.proxy(Proxies.toProxySelector(proxy)).authenticator(Proxies.toAuthenticator(proxy));
        }
        try (var client = builder.build()) {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode());
                }
                return response.body();
            });
        }
    }

    private static byte[] encrypt(byte[] data, MediaKeys keys) {
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
            var ciphertext = cipher.doFinal(data);
            var blob = Arrays.copyOf(ciphertext, ciphertext.length + MAC_LENGTH);
            var mac = Boolean.getBoolean(COBALT_UPLOAD_MAC) ? macWithoutIv(keys, ciphertext) : mac(keys, ciphertext, ciphertext.length);
            System.arraycopy(mac, 0, blob, ciphertext.length, MAC_LENGTH);
            return blob;
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(exception);
        }
    }

    private static byte[] decrypt(MutableAttachmentProvider<?> provider, byte[] blob) {
        var expectedEncSha256 = provider.mediaEncryptedSha256();
        if (expectedEncSha256.isPresent() && !MessageDigest.isEqual(expectedEncSha256.get(), sha256(blob))) {
            throw new IllegalArgumentException("fileEncSha256 mismatch");
        }
        var keyName = provider.attachmentType().keyName().orElseThrow(() -> new IllegalArgumentException("Not encrypted media"));
        var keys = MediaKeys.of(provider.mediaKey().orElseThrow(() -> new IllegalArgumentException("Missing media key")), keyName);
        var length = blob.length - MAC_LENGTH;
        if (length <= 0 || !MessageDigest.isEqual(mac(keys, blob, length), Arrays.copyOfRange(blob, length, blob.length))) {
            throw new IllegalArgumentException("Media MAC mismatch");
        }
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
            var data = cipher.doFinal(blob, 0, length);
            var expectedSha256 = provider.mediaSha256();
            if (expectedSha256.isPresent() && !MessageDigest.isEqual(expectedSha256.get(), sha256(data))) {
                throw new IllegalArgumentException("fileSha256 mismatch");
            }
            return data;
        } catch (GeneralSecurityException exception) {
            throw new IllegalArgumentException("Cannot decrypt media", exception);
        }
    }

    private static byte[] mac(MediaKeys keys, byte[] ciphertext, int length) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            mac.update(keys.iv());
            mac.update(ciphertext, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(exception);
        }
    }

    private static byte[] macWithoutIv(MediaKeys keys, byte[] ciphertext) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(ciphertext), MAC_LENGTH);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(exception);
        }
    }

    private static byte[] deflate(byte[] data) {
        var output = new ByteArrayOutputStream();
        try (var deflater = new DeflaterOutputStream(output)) {
            deflater.write(data);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        return output.toByteArray();
    }
}
