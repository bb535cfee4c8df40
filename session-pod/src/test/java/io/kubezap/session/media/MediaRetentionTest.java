package io.kubezap.session.media;

import io.kubezap.session.testing.SampleFiles;
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

class MediaRetentionTest {

    @TempDir
    Path dir;

    @Test
    void filesPastTheRetentionGoThenTheOldestUntilTheStoreFits() throws IOException {
        var store = MediaStore.onVolume(dir);
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        var expired = stored(store, 1, 100, now.minus(Duration.ofDays(31)));
        var oldest = stored(store, 2, 100, now.minus(Duration.ofDays(3)));
        var older = stored(store, 3, 100, now.minus(Duration.ofDays(2)));
        var newest = stored(store, 4, 100, now.minus(Duration.ofDays(1)));

        int removed = new MediaRetention(store, new MediaStaging(dir.resolve("tmp")), Duration.ofDays(30), 250).sweep(now);

        assertThat(removed).isEqualTo(2);
        assertThat(expired).doesNotExist();
        assertThat(oldest).doesNotExist();
        assertThat(older).exists();
        assertThat(newest).exists();
        assertThat(store.find(SampleFiles.sha256(Files.readAllBytes(newest)))).isPresent();
    }

    private Path stored(MediaStore store, int seed, int size, Instant modified) throws IOException {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        String sha256 = store.ingest(new ByteArrayInputStream(bytes), 10_000).sha256();
        Path path = dir.resolve(sha256.substring(0, 2)).resolve(sha256);
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }
}
