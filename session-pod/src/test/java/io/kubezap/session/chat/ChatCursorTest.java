package io.kubezap.session.chat;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatCursorTest {

    @Test
    void aCursorRoundTripsToTheMicrosecondWithItsMissingTimes() {
        ChatCursor pinned = new ChatCursor(Instant.parse("2026-11-24T05:00:00.123456Z"), null, "5511988880001@s.whatsapp.net");
        ChatCursor unpinned = new ChatCursor(null, Instant.parse("2026-11-21T05:00:00.654321Z"), "120363000000000001@g.us");
        assertThat(ChatCursor.decode(pinned.encode())).isEqualTo(pinned);
        assertThat(ChatCursor.decode(unpinned.encode())).isEqualTo(unpinned);
    }

    @Test
    void textThatIsNoCursorIsRejected() {
        assertThatThrownBy(() -> ChatCursor.decode("bm90LWEtY3Vyc29y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatCursor.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
