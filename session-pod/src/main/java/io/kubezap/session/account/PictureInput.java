package io.kubezap.session.account;

import io.kubezap.session.failure.Failure;
import io.kubezap.session.media.UrlMediaFetcher;
import io.kubezap.session.preview.Thumbnails;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;

/**
 * A picture a client gives for the account or a group: base64 bytes or a URL (fetched through the egress rule of sends
 * by URL), made a centred square JPEG of at most 640 pixels, as WhatsApp's clients make profile pictures.
 */
@Singleton
public class PictureInput {
    static final int SIDE = 640;
    static final int SOURCE_MAX_BYTES = 10 << 20;
    private static final Duration FETCH_DEADLINE = Duration.ofSeconds(30);

    private final UrlMediaFetcher urls;

    public PictureInput(UrlMediaFetcher urls) {
        this.urls = urls;
    }

    /** {@code data}: the image's bytes in base64, or {@code url}: where to fetch it; exactly one (400 otherwise). */
    public byte[] squareJpeg(String data, String url) {
        if ((data == null) == (url == null)) {
            throw Failure.invalid("file", "give the picture as file.data (base64) or file.url, one of them");
        }
        byte[] image = data != null ? decoded(data) : fetched(url);
        try {
            return Thumbnails.squareJpeg(image, SIDE)
                    .orElseThrow(() -> Failure.invalid("file", "is not an image (JPEG, PNG, GIF or BMP)"));
        } catch (IOException unreadable) {
            throw Failure.invalid("file", "is not a readable image: " + unreadable.getMessage());
        }
    }

    private static byte[] decoded(String data) {
        byte[] image;
        try {
            image = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException invalid) {
            throw Failure.invalid("file.data", "is not base64");
        }
        if (image.length > SOURCE_MAX_BYTES) {
            throw new Failure(Failure.Kind.TOO_LARGE, "picture-too-large", "Picture too large",
                    "A picture's source may be at most " + (SOURCE_MAX_BYTES >> 20) + " MiB");
        }
        return image;
    }

    private byte[] fetched(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException invalid) {
            throw Failure.invalid("file.url", "is not a URL");
        }
        String refused = urls.refusal(uri);
        if (refused != null) {
            throw new Failure(Failure.Kind.REFUSED, "url-not-allowed", "URL not allowed", refused);
        }
        try {
            return urls.fetchBytes(uri, SOURCE_MAX_BYTES, FETCH_DEADLINE);
        } catch (IOException unreadable) {
            throw Failure.invalid("file.url", "could not be fetched: " + unreadable.getMessage());
        }
    }
}
