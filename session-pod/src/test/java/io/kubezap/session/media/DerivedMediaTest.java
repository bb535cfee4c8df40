package io.kubezap.session.media;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.media.conversion.AudioExtracts;
import io.kubezap.session.media.conversion.ConversionLimits;
import io.kubezap.session.media.conversion.FfmpegRunner;
import io.kubezap.session.testing.SampleMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A message's sound as MP3 or WAV: computed once, kept in the store, and gone with the file it came from. */
class DerivedMediaTest {

    @TempDir
    Path dir;

    @Test
    void aVoiceNotesWavIsComputedOnceKeptAndRemovedWithItsFileByRetention() throws IOException {
        var store = MediaStore.onVolume(dir);
        var limits = new ConversionLimits();
        var derived = new DerivedMedia(store, new AudioExtracts(new FfmpegRunner(limits), limits), new MediaTypes());
        byte[] voice = SampleMedia.oggOpus(2);
        var file = store.ingest(new ByteArrayInputStream(voice), 1_000_000);
        var original = new MediaFiles.StoredMedia(file.sha256(), file.size());

        var wav = derived.of(MediaKind.VOICE, original, AudioExtracts.Format.WAV);
        Path kept = dir.resolve(wav.sha256().substring(0, 2)).resolve(wav.sha256());
        assertThat(kept).exists();
        assertThat(Files.readAllBytes(kept)).startsWith("RIFF".getBytes());
        assertThat(wav.size()).isGreaterThan(2 * 16_000 * 2 - 4000);
        FileTime marker = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(kept, marker);

        var again = derived.of(MediaKind.VOICE, original, AudioExtracts.Format.WAV);

        assertThat(again).isEqualTo(wav);
        assertThat(Files.getLastModifiedTime(kept)).as("served from the store, not computed again").isEqualTo(marker);

        Instant now = Instant.now();
        Files.setLastModifiedTime(kept, FileTime.from(now));
        Path source = dir.resolve(file.sha256().substring(0, 2)).resolve(file.sha256());
        Files.setLastModifiedTime(source, FileTime.from(now.minus(Duration.ofDays(31))));
        new MediaRetention(store, new MediaStaging(dir.resolve("tmp")), Duration.ofDays(30), Long.MAX_VALUE).sweep(now);

        assertThat(source).doesNotExist();
        assertThat(kept).as("the derived form goes with its file").doesNotExist();
    }

    @Test
    void aPictureHasNoSoundToServe() throws IOException {
        var store = MediaStore.onVolume(dir);
        var limits = new ConversionLimits();
        var derived = new DerivedMedia(store, new AudioExtracts(new FfmpegRunner(limits), limits), new MediaTypes());
        var file = store.ingest(new ByteArrayInputStream(SampleMedia.transparentPng(10, 10)), 1_000_000);

        assertThatThrownBy(() -> derived.of(MediaKind.IMAGE, new MediaFiles.StoredMedia(file.sha256(), file.size()),
                AudioExtracts.Format.MP3)).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.kind()).isEqualTo(Failure.Kind.INVALID));
    }
}
