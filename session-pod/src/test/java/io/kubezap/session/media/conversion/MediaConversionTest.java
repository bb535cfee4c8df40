package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.testing.SampleFiles;
import io.kubezap.session.testing.SampleMedia;
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

/** The conversions with Debian's FFmpeg on files made here: what each kind becomes, and what is refused and how. */
class MediaConversionTest {

    @TempDir
    Path dir;

    private final ConversionLimits limits = new ConversionLimits();

    @Test
    void anMp3VoiceNoteBecomesMonoOggOpusWithItsSecondsAndA64SampleWaveform() throws IOException {
        Path mp3 = file("tone.mp3", SampleMedia.tone("mp3", 3));

        ConvertedMedia voice = conversion(limits).convert(MediaKind.VOICE, mp3, this::scratch);

        assertThat(voice.converted()).isTrue();
        assertThat(voice.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        MediaProbe.Probed result = probe(limits).probe(voice.file(), this::scratch);
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
            assertThat(probe(limits).probe(voice.file(), this::scratch).audioCodec()).isEqualTo("opus");
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
    void videoAudioAndDocumentsAreSentAsGiven() throws IOException {
        Path mp3 = file("song.mp3", SampleMedia.tone("mp3", 1));

        for (MediaKind kind : new MediaKind[]{MediaKind.AUDIO, MediaKind.VIDEO, MediaKind.DOCUMENT}) {
            assertThat(conversion(limits).convert(kind, mp3, this::scratch).converted()).isFalse();
        }
    }

    static MediaConversion conversion(ConversionLimits limits) {
        var ffmpeg = new FfmpegRunner(limits);
        var probe = new MediaProbe(ffmpeg, limits);
        return new MediaConversion(new VoiceNotes(ffmpeg, probe, new Waveforms(ffmpeg), limits),
                new Stickers(ffmpeg, probe, limits), new ImageThumbnails(ffmpeg, probe, limits));
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

    private Path scratch() throws IOException {
        return Files.createTempFile(dir, "scratch-", ".part");
    }
}
