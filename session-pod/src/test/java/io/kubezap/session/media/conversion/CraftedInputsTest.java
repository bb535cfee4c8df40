package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.testing.CraftedMedia;
import io.kubezap.session.testing.CraftedMedia.Segment;
import io.kubezap.session.testing.Needs;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 68 item 5: a file whose content is a playlist or a list of other files (HLS, DASH, ffconcat) is refused as
 * unreadable (422) in every kind FFmpeg reads, and in a message's sound ({@code ?format=}); FFmpeg opens nothing it
 * names (a FIFO, {@link Segment}).
 */
class CraftedInputsTest {

    @TempDir
    Path dir;

    private final ConversionLimits limits = new ConversionLimits(Duration.ofSeconds(15), 1800, 40_000_000);

    @BeforeEach
    void ffmpegIsInstalled() {
        Needs.command("ffmpeg", "ffmpeg");
    }

    static Stream<Arguments> craftedFilesInEveryKind() {
        return Stream.of(CraftedMedia.HLS, CraftedMedia.DASH, CraftedMedia.FFCONCAT, CraftedMedia.DASH_BEHIND_ID3).flatMap(crafted -> Stream.of(
                MediaKind.VOICE, MediaKind.VIDEO, MediaKind.IMAGE, MediaKind.STICKER).map(kind -> Arguments.of(crafted, kind)));
    }

    @ParameterizedTest(name = "{0} sent as {1}")
    @MethodSource("craftedFilesInEveryKind")
    void aPlaylistOrListSentIsRefusedAndWhatItNamesIsNeverOpened(String crafted, MediaKind kind) throws Exception {
        refusedWithoutOpeningItsSegment(crafted, file -> () -> MediaConversionTest.conversion(limits).convert(kind, file, this::scratch));
    }

    @ParameterizedTest(name = "{0} received as {1}, its sound asked for")
    @MethodSource("craftedFilesInEveryKind")
    void aPlaylistOrListReceivedGivesNoSoundAndWhatItNamesIsNeverOpened(String crafted, MediaKind kind) throws Exception {
        var extracts = new AudioExtracts(new FfmpegRunner(limits), limits);
        refusedWithoutOpeningItsSegment(crafted, file -> () -> extracts.extract(file, MediaInput.withSound(kind),
                AudioExtracts.Format.MP3, this::scratch));
    }

    private interface Reading {
        ThrowingCallable of(Path file);
    }

    private void refusedWithoutOpeningItsSegment(String crafted, Reading reading) throws Exception {
        Segment segment = Segment.at(dir.resolve(CraftedMedia.segmentName(crafted)));
        Path file = Files.writeString(dir.resolve("received"), CraftedMedia.naming(crafted, segment.path()));
        try {
            assertThatThrownBy(reading.of(file)).isInstanceOfSatisfying(Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(Failure.Kind.UNPROCESSABLE);
                assertThat(failure.slug()).isEqualTo("media-unreadable");
            });
            assertThat(segment.opened()).as("FFmpeg opened %s, named by the %s file", segment.path(), crafted).isFalse();
        } finally {
            segment.release();
        }
    }

    private Path scratch() throws IOException {
        return Files.createTempFile(dir, "scratch-", ".part");
    }
}
