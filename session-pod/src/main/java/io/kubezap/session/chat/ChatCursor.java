package io.kubezap.session.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Opaque position in the chat list (pinned chats first, most recently pinned first, then the latest active first,
 * then by JID): the sort key of the last chat of a page. A null instant is kept as such.
 */
public record ChatCursor(Instant pinnedAt, Instant lastActivityAt, String jid) {

    private static final String NONE = "-";

    public static ChatCursor after(Chat last) {
        return new ChatCursor(last.pinnedAt(), last.lastActivityAt(), last.jid());
    }

    public String encode() {
        String raw = micros(pinnedAt) + "/" + micros(lastActivityAt) + "/" + jid;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this API issued */
    public static ChatCursor decode(String cursor) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new ChatCursor(instant(parts[0]), instant(parts[1]), parts[2]);
    }

    private static String micros(Instant at) {
        return at == null ? NONE : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at));
    }

    private static Instant instant(String micros) {
        return NONE.equals(micros) ? null : Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }
}
