package io.kubezap.session.media;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.testing.SampleMedia;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A WebM, which Tika tells from its EBML header only as Matroska, is a video or a voice note, declared or not. */
class MediaTypesTest {

    private final MediaTypes types = new MediaTypes();

    @Test
    void aWebmIsAVideoOrAVoiceNoteAsDeclaredOrDetected() {
        byte[] head = Arrays.copyOf(SampleMedia.webm(160, 120, 1), 64 * 1024);

        assertThat(types.resolve(MediaKind.VIDEO, head, "video/webm", null)).isEqualTo("video/webm");
        assertThat(types.resolve(MediaKind.VOICE, head, "audio/webm", null)).isEqualTo("audio/webm");
        assertThat(types.resolve(MediaKind.VIDEO, head, null, null)).isEqualTo("application/x-matroska");
    }
}
