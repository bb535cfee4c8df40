package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.testing.Needs;
import io.kubezap.session.testing.SampleFiles;
import io.kubezap.session.testing.SampleMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conversions with the distribution's FFmpeg (Debian 12's here) on files made here: what each kind becomes, and what is refused and how. */
class MediaConversionTest {

    @TempDir
    Path dir;

    private final ConversionLimits limits = new ConversionLimits();

    @BeforeEach
    void ffmpegIsInstalled() {
        Needs.command("ffmpeg", "ffmpeg");
    }

    @Test
    void anMp3VoiceNoteBecomesMonoOggOpusWithItsSecondsAndA64SampleWaveform() throws IOException {
        Path mp3 = file("tone.mp3", SampleMedia.tone("mp3", 3));

        ConvertedMedia voice = conversion(limits).convert(MediaKind.VOICE, mp3, this::scratch);

        assertThat(voice.converted()).isTrue();
        assertThat(voice.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        MediaProbe.Probed result = probe(limits).probe(voice.file(), MediaInput.SOUND, this::scratch);
        assertThat(result.container()).isEqualTo("ogg");
        assertThat(result.audioCodec()).isEqualTo("opus");
        assertThat(voice.facts().seconds()).isEqualTo(3);
        assertThat(voice.facts().waveform()).hasSize(64);
        assertThat(voice.facts().waveform()).contains((byte) 100);
        for (byte sample : voice.facts().waveform()) {
            assertThat(sample).isBetween((byte) 0, (byte) 100);
        }
    }

    @Test
    void wavAndOggVorbisAreConvertedToo() throws IOException {
        for (byte[] audio : new byte[][]{SampleMedia.tone("wav", 2), SampleMedia.tone("ogg", 2, "-c:a", "libvorbis")}) {
            ConvertedMedia voice = conversion(limits).convert(MediaKind.VOICE, file("audio", audio), this::scratch);

            assertThat(voice.converted()).isTrue();
            assertThat(probe(limits).probe(voice.file(), MediaInput.SOUND, this::scratch).audioCodec()).isEqualTo("opus");
            assertThat(voice.facts().seconds()).isEqualTo(2);
        }
    }

    @Test
    void anOggOpusVoiceNoteIsPassedThroughUntouched() throws IOException {
        Path opus = file("voice.ogg", SampleMedia.oggOpus(4));

        ConvertedMedia voice = conversion(limits).convert(MediaKind.VOICE, opus, this::scratch);

        assertThat(voice.converted()).isFalse();
        assertThat(voice.facts().seconds()).isEqualTo(4);
        assertThat(voice.facts().waveform()).hasSize(64);
    }

    @Test
    void aVoiceNoteLongerThanTheLimitIsRefused() throws IOException {
        Path mp3 = file("long.mp3", SampleMedia.tone("mp3", 5));

        assertThatThrownBy(() -> conversion(new ConversionLimits(Duration.ofSeconds(60), 3, 40_000_000))
                .convert(MediaKind.VOICE, mp3, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-too-long"));
    }

    @Test
    void aTransparentPngStickerBecomesA512WebpWithItsAlpha() throws IOException {
        Path png = file("disc.png", SampleMedia.transparentPng(300, 200));

        ConvertedMedia sticker = conversion(limits).convert(MediaKind.STICKER, png, this::scratch);

        assertThat(sticker.mimeType()).isEqualTo("image/webp");
        assertThat(sticker.facts().animated()).isFalse();
        byte[] webp = Files.readAllBytes(sticker.file());
        assertThat(new String(webp, 12, 4)).isEqualTo("VP8X");
        assertThat(webp[20] & 0x10).as("the alpha flag").isNotZero();
        assertThat(canvas(webp)).containsExactly(512, 512);
    }

    @Test
    void anAnimatedGifStickerBecomesAnAnimatedWebp() throws IOException {
        Path gif = file("moving.gif", SampleMedia.animatedGif(8));

        ConvertedMedia sticker = conversion(limits).convert(MediaKind.STICKER, gif, this::scratch);

        assertThat(sticker.facts().animated()).isTrue();
        byte[] webp = Files.readAllBytes(sticker.file());
        assertThat(webp[20] & 0x02).as("the animation flag").isNotZero();
        assertThat(canvas(webp)).containsExactly(512, 512);
        assertThat(webp.length).isLessThanOrEqualTo((int) limits.maxAnimatedStickerBytes());
    }

    @Test
    void aStickerThatIsAlreadyA512WebpIsSentUntouched() throws IOException {
        ConvertedMedia sticker = conversion(limits).convert(MediaKind.STICKER, file("s.webp", SampleMedia.stickerWebp()),
                this::scratch);

        assertThat(sticker.converted()).isFalse();
        assertThat(sticker.facts().width()).isEqualTo(512);
    }

    @Test
    void anImageGetsItsDimensionsAndAJpegThumbnail() throws IOException {
        Path png = file("photo.png", SampleFiles.png(640, 360, 1));

        ConvertedMedia image = conversion(limits).convert(MediaKind.IMAGE, png, this::scratch);

        assertThat(image.converted()).isFalse();
        assertThat(image.facts().width()).isEqualTo(640);
        assertThat(image.facts().height()).isEqualTo(360);
        var thumbnail = ImageIO.read(new ByteArrayInputStream(image.facts().thumbnail()));
        assertThat(thumbnail.getWidth()).isEqualTo(72);
        assertThat(thumbnail.getHeight()).isEqualTo(40);
    }

    @Test
    void aCorruptFileIsRefusedAsUnreadable() throws IOException {
        Path corrupt = file("broken.png", SampleMedia.corruptPng());

        for (MediaKind kind : new MediaKind[]{MediaKind.IMAGE, MediaKind.STICKER, MediaKind.VOICE}) {
            assertThatThrownBy(() -> conversion(limits).convert(kind, corrupt, this::scratch)).as(kind.wire())
                    .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-unreadable"));
        }
    }

    @Test
    void aDamagedOggOpusVoiceNoteIsRefusedAsUnreadable() throws IOException {
        Path damaged = file("damaged.ogg", SampleMedia.corruptOggOpus());

        assertThatThrownBy(() -> conversion(limits).convert(MediaKind.VOICE, damaged, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-unreadable"));
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutDecodingIt() throws IOException {
        Path bomb = file("bomb.png", SampleMedia.pngClaiming(10_000));

        for (MediaKind kind : new MediaKind[]{MediaKind.IMAGE, MediaKind.STICKER}) {
            assertThatThrownBy(() -> conversion(limits).convert(kind, bomb, this::scratch)).as(kind.wire())
                    .isInstanceOfSatisfying(Failure.class, failure -> {
                        assertThat(failure.slug()).isEqualTo("media-too-large");
                        assertThat(failure.getMessage()).contains("10000×10000");
                    });
        }
    }

    @Test
    void aConversionPastItsTimeIsKilledAndRefused() throws IOException {
        Path mp3 = file("tone.mp3", SampleMedia.tone("mp3", 3));

        assertThatThrownBy(() -> conversion(new ConversionLimits(Duration.ofMillis(1), 1800, 40_000_000))
                .convert(MediaKind.VOICE, mp3, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-conversion-timeout"));
    }

    @Test
    void audioAndDocumentsAreSentAsGiven() throws IOException {
        Path mp3 = file("song.mp3", SampleMedia.tone("mp3", 1));

        for (MediaKind kind : new MediaKind[]{MediaKind.AUDIO, MediaKind.DOCUMENT}) {
            assertThat(conversion(limits).convert(kind, mp3, this::scratch).converted()).isFalse();
        }
    }

    @Test
    void anMp4ThatPlaysEverywhereIsSentUntouchedWithItsSecondsSizeAndThumbnail() throws IOException {
        Path mp4 = file("clip.mp4", SampleMedia.mp4(640, 360, 3));

        ConvertedMedia video = conversion(limits).convert(MediaKind.VIDEO, mp4, this::scratch);

        assertThat(video.converted()).isFalse();
        assertThat(video.facts().seconds()).isEqualTo(3);
        assertThat(video.facts().width()).isEqualTo(640);
        assertThat(video.facts().height()).isEqualTo(360);
        assertThat(video.facts().gifPlayback()).isNull();
        var thumbnail = ImageIO.read(new ByteArrayInputStream(video.facts().thumbnail()));
        assertThat((double) thumbnail.getWidth() / thumbnail.getHeight()).isCloseTo(640.0 / 360, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aWebmVideoBecomesAnH264AacMp4() throws IOException {
        Path webm = file("clip.webm", SampleMedia.webm(320, 240, 2));

        ConvertedMedia video = conversion(limits).convert(MediaKind.VIDEO, webm, this::scratch);

        assertThat(video.converted()).isTrue();
        assertThat(video.mimeType()).isEqualTo("video/mp4");
        MediaProbe.Probed result = probe(limits).probe(video.file(), MediaInput.VIDEO, this::scratch);
        assertThat(result.brand()).isEqualTo("isom");
        assertThat(result.videoCodec()).isEqualTo("h264");
        assertThat(result.pixelFormat()).isEqualTo("yuv420p");
        assertThat(result.audioCodec()).isEqualTo("aac");
        assertThat(video.facts().seconds()).isEqualTo(2);
        assertThat(video.facts().width()).isEqualTo(320);
        assertThat(video.facts().height()).isEqualTo(240);
    }

    @Test
    void anH264MovIsRewrappedAsMp4WithoutReencoding() throws IOException {
        byte[] mov = SampleMedia.video("mov", 320, 240, 2, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac");
        Path file = file("clip.mov", mov);
        assertThat(probe(limits).probe(file, MediaInput.VIDEO, this::scratch).brand()).isEqualTo("qt");

        ConvertedMedia video = conversion(limits).convert(MediaKind.VIDEO, file, this::scratch);

        assertThat(video.converted()).isTrue();
        MediaProbe.Probed result = probe(limits).probe(video.file(), MediaInput.VIDEO, this::scratch);
        assertThat(result.brand()).isEqualTo("isom");
        assertThat(result.videoCodec()).isEqualTo("h264");
        // the streams were copied: the same bytes of picture, only a new container around them
        assertThat(Math.abs(Files.size(video.file()) - mov.length)).isLessThan(mov.length / 10);
    }

    @Test
    void convertTrueReencodesAPlayableMp4AndConvertFalseSendsAWebmAsGiven() throws IOException {
        Path mp4 = file("clip.mp4", SampleMedia.mp4(320, 240, 1));
        Path webm = file("clip.webm", SampleMedia.webm(320, 240, 1));

        ConvertedMedia forced = conversion(limits).convert(MediaKind.VIDEO, mp4, ConvertChoice.ALWAYS, this::scratch);
        ConvertedMedia asGiven = conversion(limits).convert(MediaKind.VIDEO, webm, ConvertChoice.NEVER, this::scratch);

        assertThat(forced.converted()).isTrue();
        assertThat(asGiven.converted()).isFalse();
        assertThat(asGiven.facts().seconds()).isEqualTo(1);
        assertThat(asGiven.facts().thumbnail()).isNotEmpty();
    }

    @Test
    void aGifSentAsVideoBecomesAMutedMp4PlayedAsAGif() throws IOException {
        Path gif = file("loop.gif", SampleMedia.animatedGif(20));

        ConvertedMedia video = conversion(limits).convert(MediaKind.VIDEO, gif, this::scratch);

        assertThat(video.converted()).isTrue();
        assertThat(video.facts().gifPlayback()).isTrue();
        MediaProbe.Probed result = probe(limits).probe(video.file(), MediaInput.VIDEO, this::scratch);
        assertThat(result.videoCodec()).isEqualTo("h264");
        assertThat(result.audioCodec()).isNull();
        assertThat(video.facts().width()).isEqualTo(320);
        assertThat(video.facts().seconds()).isEqualTo(2);
    }

    @Test
    void aPhoneVideoTurnedAQuarterIsDescribedAsItIsShown() throws IOException, InterruptedException {
        Path upright = file("upright.mp4", SampleMedia.mp4(640, 360, 1));
        Path turned = dir.resolve("turned.mp4");
        Process copy = new ProcessBuilder("ffmpeg", "-v", "error", "-i", upright.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90", "-y", turned.toString()).redirectErrorStream(true).start();
        assertThat(copy.waitFor()).isZero();

        ConvertedMedia video = conversion(limits).convert(MediaKind.VIDEO, turned, this::scratch);

        assertThat(video.facts().width()).isEqualTo(360);
        assertThat(video.facts().height()).isEqualTo(640);
        var thumbnail = ImageIO.read(new ByteArrayInputStream(video.facts().thumbnail()));
        assertThat(thumbnail.getHeight()).isGreaterThan(thumbnail.getWidth());
    }

    @Test
    void aVideoLongerThanTheLimitIsRefused() throws IOException {
        Path mp4 = file("long.mp4", SampleMedia.mp4(160, 120, 4));

        assertThatThrownBy(() -> conversion(new ConversionLimits(Duration.ofSeconds(60), 1800, 40_000_000, Duration.ofSeconds(60), 3))
                .convert(MediaKind.VIDEO, mp4, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-too-long"));
    }

    @Test
    void aVideoWithMorePixelsThanTheLimitIsRefusedFromItsHeaderWithoutDecodingIt() throws IOException {
        Path mp4 = file("wide.mp4", SampleMedia.mp4(640, 360, 1));

        assertThatThrownBy(() -> conversion(limits.withVideoCaps(640L * 360 - 1, limits.maxVideoBytes()))
                .convert(MediaKind.VIDEO, mp4, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.slug()).isEqualTo("media-too-large");
                    assertThat(failure.getMessage()).contains("640×360");
                });
    }

    @Test
    void aReencodingThatWouldWriteMoreThanTheOutputCapIsStoppedAndRefused() throws IOException {
        Path webm = file("clip.webm", SampleMedia.webm(320, 240, 2));

        assertThatThrownBy(() -> conversion(limits.withVideoCaps(limits.maxVideoPixels(), 4_096))
                .convert(MediaKind.VIDEO, webm, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-too-large"));
        try (var left = Files.list(dir)) {
            assertThat(left.filter(path -> path.getFileName().toString().startsWith("scratch-")).filter(path -> size(path) > 4_096))
                    .as("the cut-off re-encoding is not left behind").isEmpty();
        }
    }

    @Test
    void aVideoReencodingPastItsTimeIsKilledAndRefused() throws IOException {
        Path webm = file("clip.webm", SampleMedia.webm(320, 240, 2));

        assertThatThrownBy(() -> conversion(new ConversionLimits(Duration.ofSeconds(60), 1800, 40_000_000, Duration.ofMillis(1), 600))
                .convert(MediaKind.VIDEO, webm, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-conversion-timeout"));
    }

    @Test
    void aHeicPhotoBecomesAJpegWithItsDimensionsAndThumbnail() throws IOException {
        Path heic = file("photo.heic", SampleMedia.heic(400, 300));

        ConvertedMedia image = conversion(limits).convert(MediaKind.IMAGE, heic, this::scratch);

        assertThat(image.converted()).isTrue();
        assertThat(image.mimeType()).isEqualTo("image/jpeg");
        var jpeg = ImageIO.read(image.file().toFile());
        assertThat(jpeg.getWidth()).isEqualTo(400);
        assertThat(jpeg.getHeight()).isEqualTo(300);
        assertThat(image.facts().width()).isEqualTo(400);
        assertThat(image.facts().thumbnail()).isNotEmpty();
    }

    @Test
    void aHeicPhotoOfTooManyPixelsIsRefusedFromItsHeader() throws IOException {
        Path heic = file("photo.heic", SampleMedia.heic(400, 300));

        assertThatThrownBy(() -> conversion(new ConversionLimits(Duration.ofSeconds(60), 1800, 100_000))
                .convert(MediaKind.IMAGE, heic, this::scratch))
                .isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.slug()).isEqualTo("media-too-large"));
    }

    @Test
    void withoutFfmpegWhatPlaysAsGivenGoesAndWhatWouldArriveBrokenIsRefused() throws IOException {
        MediaConversion withoutTools = conversion(limits, dir.resolve("no-ffmpeg-here"));
        Path png = file("disc.png", SampleMedia.transparentPng(30, 20));
        Path mp3 = file("tone.mp3", SampleMedia.tone("mp3", 1));
        Path webm = file("clip.webm", SampleMedia.webm(160, 120, 1));

        ConvertedMedia image = withoutTools.convert(MediaKind.IMAGE, png, this::scratch);
        ConvertedMedia videoAsAsked = withoutTools.convert(MediaKind.VIDEO, webm, ConvertChoice.NEVER, this::scratch);

        assertThat(image.converted()).isFalse();
        assertThat(image.facts().thumbnail()).isNull();
        assertThat(videoAsAsked.converted()).isFalse();
        for (MediaKind kind : new MediaKind[]{MediaKind.VOICE, MediaKind.STICKER, MediaKind.VIDEO}) {
            Path file = kind == MediaKind.STICKER ? png : kind == MediaKind.VOICE ? mp3 : webm;
            assertThatThrownBy(() -> withoutTools.convert(kind, file, this::scratch))
                    .isInstanceOfSatisfying(Failure.class, failure -> {
                        assertThat(failure.slug()).isEqualTo("media-conversion-unavailable");
                        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
                    });
        }
    }

    static MediaConversion conversion(ConversionLimits limits) {
        return conversion(limits, null);
    }

    static MediaConversion conversion(ConversionLimits limits, Path tools) {
        var ffmpeg = new FfmpegRunner(limits, tools);
        var probe = new MediaProbe(ffmpeg, limits);
        var thumbnails = new ImageThumbnails(ffmpeg, probe, limits);
        return new MediaConversion(new VoiceNotes(ffmpeg, probe, new Waveforms(ffmpeg), limits),
                new Stickers(ffmpeg, probe, limits), thumbnails, new Videos(ffmpeg, probe, thumbnails, limits),
                new HeifPictures(ffmpeg, limits));
    }

    private static MediaProbe probe(ConversionLimits limits) {
        return new MediaProbe(new FfmpegRunner(limits), limits);
    }

    private static int[] canvas(byte[] webp) {
        int width = (webp[24] & 0xff | (webp[25] & 0xff) << 8 | (webp[26] & 0xff) << 16) + 1;
        int height = (webp[27] & 0xff | (webp[28] & 0xff) << 8 | (webp[29] & 0xff) << 16) + 1;
        return new int[]{width, height};
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException gone) {
            return 0;
        }
    }

    private Path scratch() throws IOException {
        return Files.createTempFile(dir, "scratch-", ".part");
    }
}
