package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaKind;

import java.nio.file.Path;
import java.util.List;

/**
 * What FFmpeg may read a received or sent file as: only the demuxers of its kind ({@code -format_whitelist}), through
 * one protocol alone ({@code -protocol_whitelist}): a picture on the tool's standard input ({@code pipe}), so nothing
 * names a file at all, the rest, which FFmpeg must seek in (an MP4's index at its end, an Ogg's length), as the file
 * ({@code file}); and once the file was probed its own demuxer is forced ({@code -f}). Left to itself FFmpeg picks its demuxer from the content, and some open other files: an HLS or DASH
 * playlist the paths it lists, an ffconcat list its siblings, image2 a numbered sequence (issue 68 item 5). A file of
 * another demuxer is refused by FFmpeg before it opens anything more, and so as unreadable (422).
 */
public record MediaInput(String demuxers, String forced, boolean piped) {

    /** A voice note's or an audio file's: Ogg, MP3, MP4/M4A/MOV, WAV, Matroska/WebM, ADTS AAC, FLAC, AMR. */
    public static final MediaInput SOUND = new MediaInput("ogg,mp3,mov,wav,matroska,aac,flac,amr,amrnb,amrwb", null, false);
    /** A video's (a GIF sent as one too). */
    public static final MediaInput VIDEO = new MediaInput("mov,matroska,avi,mpegts,mpeg,flv,asf,ogg,gif", null, false);
    /** An image's or a sticker's: each picture format's single-image reader, GIF and APNG (never image2's sequences). */
    public static final MediaInput PICTURE = new MediaInput(
            "png_pipe,jpeg_pipe,webp_pipe,gif,apng,bmp_pipe,tiff_pipe,jpegls_pipe,j2k_pipe", null, true);
    /** What has sound: a voice note, audio, or a video ({@code GET …/media?format=}). */
    public static final MediaInput SOUND_OR_VIDEO = new MediaInput(SOUND.demuxers + "," + VIDEO.demuxers, null, false);

    /** The input of a {@code kind} message's sound ({@code ?format=}); documents and pictures have none. */
    public static MediaInput withSound(MediaKind kind) {
        return switch (kind) {
            case VOICE, AUDIO -> SOUND;
            default -> SOUND_OR_VIDEO;
        };
    }

    /** The same, with the demuxer ffprobe found ({@code mov} of {@code mov,mp4,m4a,3gp,3g2,mj2}) forced. */
    MediaInput as(MediaProbe.Probed probed) {
        String container = probed.container();
        int comma = container.indexOf(',');
        return new MediaInput(demuxers, container.isEmpty() ? null : comma < 0 ? container : container.substring(0, comma), piped);
    }

    /** FFmpeg's (or ffprobe's) input options, then {@code -i} and the file, or its standard input ({@link #stdin}). */
    List<String> reading(Path file) {
        var options = new java.util.ArrayList<>(List.of("-protocol_whitelist", piped ? "pipe" : "file", "-format_whitelist", demuxers));
        if (forced != null) {
            options.addAll(List.of("-f", forced));
        }
        options.addAll(List.of("-i", piped ? "pipe:0" : file.toString()));
        return options;
    }

    /** What the tool reads on its standard input: the file when piped, else nothing. */
    Path stdin(Path file) {
        return piped ? file : null;
    }
}
