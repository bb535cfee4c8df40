package io.kubezap.session.media;

import io.kubezap.session.message.Direction;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaFilesTest {

    @TempDir
    Path dir;

    @Test
    void mediaOlderThanTheRetentionIsGoneFor410EvenIfAFileWithItsHashIsStillThere() throws Exception {
        var store = MediaStore.onVolume(dir);
        var file = store.ingest(new java.io.ByteArrayInputStream(new byte[]{1, 2, 3}), 100);
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        var files = new MediaFiles(store, null, null, null, 16, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC), null,
                Duration.ofMinutes(5));

        assertThat(files.fileOf(message(now.minus(Duration.ofDays(29)), file.sha256()))).isEqualTo(new MediaFiles.StoredMedia(file.sha256(), 3));
        assertThatThrownBy(() -> files.fileOf(message(now.minus(Duration.ofDays(31)), file.sha256())))
                .isInstanceOfSatisfying(Failure.class, gone -> assertThat(ApiException.of(gone).problem().status()).isEqualTo(410));
    }

    private static Message message(Instant at, String sha256) {
        return Message.fresh("m1", "WA1", "5511@s.whatsapp.net", "5511@s.whatsapp.net", null, Direction.IN, null,
                new MessageContent.Media(MediaKind.DOCUMENT, "application/pdf", 3L, sha256, "a.pdf", null, null),
                "/media/m1", null, List.of(), MessageStatus.RECEIVED, at, at);
    }
}
