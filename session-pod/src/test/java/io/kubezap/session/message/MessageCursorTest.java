package io.kubezap.session.message;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCursorTest {

    @Test
    void aCursorRoundTripsToTheMicrosecond() {
        MessageCursor cursor = new MessageCursor(Instant.parse("2026-11-21T05:00:00.123456Z"), "0b6d3c1e-id");
        assertThat(MessageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void textThatIsNoCursorIsRejected() {
        assertThatThrownBy(() -> MessageCursor.decode("bm90LWEtY3Vyc29y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageCursor.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
