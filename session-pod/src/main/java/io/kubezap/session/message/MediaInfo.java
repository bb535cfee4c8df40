package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubezap.session.engine.MediaFacts;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The media block of a stored message. {@code sha256} (hex) and {@code size} are null while a file given by URL has
 * not been fetched yet; {@code url} is the API path of the file's bytes. The rest is what the pod computed from a file
 * it sends, or what a received message carried ({@link MediaFacts}; absent when not known): {@code seconds} (voice,
 * audio, video), {@code waveform} (a voice note's 64 samples, 0–100, base64), {@code width} and {@code height} (image,
 * video, sticker), {@code thumbnail} (an image's or video's JPEG thumbnail, base64), {@code animated} (sticker),
 * {@code gifPlayback} (a video shown as a GIF).
 */
public record MediaInfo(String mimeType, Long size, String sha256, String fileName, String caption, String url,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer seconds,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(type = SchemaType.STRING, format = "byte") byte[] waveform,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer width,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer height,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(type = SchemaType.STRING, format = "byte") byte[] thumbnail,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean animated,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean gifPlayback) {

    public MediaInfo(String mimeType, Long size, String sha256, String fileName, String caption, String url) {
        this(mimeType, size, sha256, fileName, caption, url, MediaFacts.NONE);
    }

    private MediaInfo(String mimeType, Long size, String sha256, String fileName, String caption, String url, MediaFacts facts) {
        this(mimeType, size, sha256, fileName, caption, url, facts.seconds(), facts.waveform(), facts.width(),
                facts.height(), facts.thumbnail(), facts.animated(), facts.gifPlayback());
    }

    /** The file block of {@code file}; {@code apiPath}: where the API serves its bytes (null where it is stored). */
    static MediaInfo of(MessageContent.Media file, String apiPath) {
        return new MediaInfo(file.mimeType(), file.size(), file.sha256(), file.fileName(), file.caption(), apiPath,
                file.facts());
    }

    public MediaFacts facts() {
        return new MediaFacts(seconds, waveform, width, height, thumbnail, animated, gifPlayback);
    }

    /** The content of a {@code kind} file this block describes (its locator, if any, is kept apart). */
    MessageContent.Media asContent(MediaKind kind) {
        return new MessageContent.Media(kind, mimeType, size, sha256, fileName, caption, null, facts());
    }

    MediaInfo withUrl(String apiPath) {
        return new MediaInfo(mimeType, size, sha256, fileName, caption, apiPath, facts());
    }

    /** The file a send ends up with (fetched, converted) and what the pod computed from it. */
    public MediaInfo withFile(String fileMimeType, long fileSize, String fileSha256, MediaFacts fileFacts) {
        return new MediaInfo(fileMimeType, fileSize, fileSha256, fileName, caption, url, fileFacts);
    }
}
