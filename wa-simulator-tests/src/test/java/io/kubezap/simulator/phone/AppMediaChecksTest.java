package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The phone's app checks find what a real app would show broken, and nothing in media made as the apps make it. */
class AppMediaChecksTest {

    private static final int AUDIO_MESSAGE = 8;
    private static final int IMAGE_MESSAGE = 3;
    private static final int STICKER_MESSAGE = 26;
    private static final int VIDEO_MESSAGE = 9;

    @Test
    void aVoiceNoteOfOggOpusWithMatchingSecondsAndA64SampleWaveformPasses() {
        var verdict = AppMediaChecks.of(voice(oggOpus(3.0), 3), audioMessage(new byte[64]));

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.waveformSamples()).isEqualTo(64);
    }

    @Test
    void anMp3VoiceNoteWithoutWaveformOrWithWrongSecondsIsFlagged() {
        byte[] mp3 = "ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000 noise".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(AppMediaChecks.of(voice(mp3, null), audioMessage(null)).problems())
                .anySatisfy(problem -> assertThat(problem).contains("must be Ogg/Opus"))
                .anySatisfy(problem -> assertThat(problem).contains("not 64"));
        assertThat(AppMediaChecks.of(voice(oggOpus(3.0), 9), audioMessage(new byte[64])).problems())
                .singleElement().satisfies(problem -> assertThat(problem).contains("do not match"));
    }

    @Test
    void aStickerMustBeA512WebpWhoseAnimationFlagMatches() {
        byte[] animated512 = webpX(512, 512, true);

        assertThat(AppMediaChecks.of(sticker(animated512), stickerMessage(true)).problems()).isEmpty();
        assertThat(AppMediaChecks.of(sticker(animated512), stickerMessage(false)).problems())
                .singleElement().satisfies(problem -> assertThat(problem).contains("animated=false"));
        assertThat(AppMediaChecks.of(sticker(webpX(300, 200, false)), stickerMessage(false)).problems())
                .singleElement().satisfies(problem -> assertThat(problem).contains("300×200"));
    }

    @Test
    void anImageNeedsItsTrueDimensionsAndADecodableJpegThumbnail() throws IOException {
        byte[] png = picture("png", 64, 48);
        byte[] thumbnail = picture("jpeg", 16, 12);

        assertThat(AppMediaChecks.of(image(png, 64, 48), imageMessage(thumbnail)).problems()).isEmpty();
        assertThat(AppMediaChecks.of(image(png, 64, 48), imageMessage(null)).problems())
                .singleElement().satisfies(problem -> assertThat(problem).contains("no thumbnail"));
        assertThat(AppMediaChecks.of(image(png, null, null), imageMessage(png)).problems()).hasSize(2);
    }

    @Test
    void aVideoLabelledMp4MustBeH264AacWithItsSecondsSizeAndAThumbnailOfItsAspect() throws IOException {
        byte[] mp4 = movie("isom", "avc1", "mp4a", 640, 360, 3.0, false);
        byte[] wide = picture("jpeg", 72, 40);

        var verdict = AppMediaChecks.of(video("video/mp4", mp4, 3, 640, 360), videoMessage(wide, true));
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.gifPlayback()).isTrue();
        assertThat(verdict.thumbnailDecodable()).isTrue();

        assertThat(AppMediaChecks.of(video("video/mp4", movie("isom", "vp09", "Opus", 640, 360, 3.0, false), 3, 640, 360),
                videoMessage(wide, false)).problems())
                .anySatisfy(problem -> assertThat(problem).contains("not H.264"))
                .anySatisfy(problem -> assertThat(problem).contains("not AAC"));
        assertThat(AppMediaChecks.of(video("video/mp4", movie("qt  ", "avc1", null, 640, 360, 3.0, false), 3, 640, 360),
                videoMessage(wide, false)).problems()).singleElement().satisfies(problem -> assertThat(problem).contains("MOV"));
        assertThat(AppMediaChecks.of(video("video/mp4", mp4, 7, 640, 360), videoMessage(picture("jpeg", 40, 40), false)).problems())
                .anySatisfy(problem -> assertThat(problem).contains("seconds 7"))
                .anySatisfy(problem -> assertThat(problem).contains("aspect"));
        assertThat(AppMediaChecks.of(video("video/mp4", mp4, 3, null, null), videoMessage(null, false)).problems())
                .anySatisfy(problem -> assertThat(problem).contains("no thumbnail"))
                .anySatisfy(problem -> assertThat(problem).contains("no width/height"));
    }

    @Test
    void aPhoneVideoTurnedAQuarterIsShownWithWidthAndHeightSwapped() throws IOException {
        byte[] turned = movie("isom", "avc1", "mp4a", 640, 360, 2.0, true);

        assertThat(AppMediaChecks.of(video("video/mp4", turned, 2, 360, 640), videoMessage(picture("jpeg", 40, 72), false))
                .problems()).isEmpty();
        assertThat(AppMediaChecks.of(video("video/mp4", turned, 2, 640, 360), videoMessage(picture("jpeg", 72, 40), false))
                .problems()).anySatisfy(problem -> assertThat(problem).contains("the file is 360×640"));
    }

    private static ReceivedMedia video(String mimeType, byte[] data, Integer seconds, Integer width, Integer height) {
        return new ReceivedMedia(MediaType.VIDEO, mimeType, null, data.length, seconds, width, height, data, null);
    }

    private static byte[] videoMessage(byte[] thumbnail, boolean gifPlayback) {
        var video = new ProtobufWriter().uint32(8, gifPlayback ? 1 : 0);
        if (thumbnail != null) {
            video.bytes(16, thumbnail);
        }
        return new ProtobufWriter().message(VIDEO_MESSAGE, video).toByteArray();
    }

    /** An ISO file's boxes as a player reads them: ftyp, then moov with mvhd and one track per stream (no samples). */
    private static byte[] movie(String brand, String videoCodec, String audioCodec, int width, int height, double seconds,
                                boolean quarterTurn) {
        var mvhd = ByteBuffer.allocate(100);
        mvhd.putInt(0).putInt(0).putInt(0).putInt(1000).putInt((int) (seconds * 1000));
        var movie = new ByteArrayOutputStream();
        movie.writeBytes(box("mvhd", mvhd.array()));
        movie.writeBytes(track("vide", videoCodec, width, height, quarterTurn));
        if (audioCodec != null) {
            movie.writeBytes(track("soun", audioCodec, 0, 0, false));
        }
        var file = new ByteArrayOutputStream();
        file.writeBytes(box("ftyp", (brand + "\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1)));
        file.writeBytes(box("moov", movie.toByteArray()));
        return file.toByteArray();
    }

    private static byte[] track(String handler, String codec, int width, int height, boolean quarterTurn) {
        var tkhd = ByteBuffer.allocate(84);
        tkhd.position(40);
        int one = 0x10000;
        int[] matrix = quarterTurn ? new int[]{0, one, 0, -one, 0, 0, 0, 0, 0x40000000} : new int[]{one, 0, 0, 0, one, 0, 0, 0, 0x40000000};
        for (int value : matrix) {
            tkhd.putInt(value);
        }
        tkhd.putInt(width << 16).putInt(height << 16);
        var hdlr = ByteBuffer.allocate(24).putInt(0).putInt(0).put(handler.getBytes(StandardCharsets.ISO_8859_1));
        var stsd = new ByteArrayOutputStream();
        stsd.writeBytes(new byte[]{0, 0, 0, 0, 0, 0, 0, 1});
        stsd.writeBytes(box(codec, new byte[16]));
        byte[] stbl = box("stbl", box("stsd", stsd.toByteArray()));
        var mdia = new ByteArrayOutputStream();
        mdia.writeBytes(box("hdlr", hdlr.array()));
        mdia.writeBytes(box("minf", stbl));
        var trak = new ByteArrayOutputStream();
        trak.writeBytes(box("tkhd", tkhd.array()));
        trak.writeBytes(box("mdia", mdia.toByteArray()));
        return box("trak", trak.toByteArray());
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put(type.getBytes(StandardCharsets.ISO_8859_1))
                .put(body).array();
    }

    private static ReceivedMedia voice(byte[] data, Integer seconds) {
        return new ReceivedMedia(MediaType.VOICE, "audio/ogg; codecs=opus", null, data.length, seconds, null, null, data, null);
    }

    private static ReceivedMedia sticker(byte[] data) {
        return new ReceivedMedia(MediaType.STICKER, "image/webp", null, data.length, null, null, null, data, null);
    }

    private static ReceivedMedia image(byte[] data, Integer width, Integer height) {
        return new ReceivedMedia(MediaType.IMAGE, "image/png", null, data.length, null, width, height, data, null);
    }

    private static byte[] audioMessage(byte[] waveform) {
        var audio = new ProtobufWriter().uint32(6, 1);
        if (waveform != null) {
            audio.bytes(19, waveform);
        }
        return new ProtobufWriter().message(AUDIO_MESSAGE, audio).toByteArray();
    }

    private static byte[] stickerMessage(boolean animated) {
        return new ProtobufWriter().message(STICKER_MESSAGE, new ProtobufWriter().uint32(13, animated ? 1 : 0)).toByteArray();
    }

    private static byte[] imageMessage(byte[] thumbnail) {
        var image = new ProtobufWriter().uint32(6, 48);
        if (thumbnail != null) {
            image.bytes(16, thumbnail);
        }
        return new ProtobufWriter().message(IMAGE_MESSAGE, image).toByteArray();
    }

    /** Two Ogg pages: the OpusHead (pre-skip 312), then one whose granule position ends {@code seconds} later. */
    private static byte[] oggOpus(double seconds) {
        var out = new ByteArrayOutputStream();
        byte[] head = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1;
        head[9] = 1;
        head[10] = (byte) 312;
        head[11] = (byte) (312 >> 8);
        page(out, 0, head);
        page(out, 312 + (long) (seconds * 48_000), new byte[]{1, 2, 3});
        return out.toByteArray();
    }

    private static void page(ByteArrayOutputStream out, long granule, byte[] packet) {
        byte[] header = new byte[28];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 4);
        for (int i = 0; i < 8; i++) {
            header[6 + i] = (byte) (granule >>> (8 * i));
        }
        header[26] = 1;
        header[27] = (byte) packet.length;
        out.writeBytes(header);
        out.writeBytes(packet);
    }

    private static byte[] webpX(int width, int height, boolean animated) {
        byte[] file = new byte[30];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 4);
        System.arraycopy("WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, file, 8, 8);
        file[16] = 10;
        file[20] = (byte) (animated ? 0x02 : 0);
        for (int i = 0; i < 3; i++) {
            file[24 + i] = (byte) ((width - 1) >>> (8 * i));
            file[27 + i] = (byte) ((height - 1) >>> (8 * i));
        }
        return file;
    }

    private static byte[] picture(String format, int width, int height) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }
}
