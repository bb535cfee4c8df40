package io.kubezap.session.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Opaque position in the newest-first message list: the (created_at, id) of the last message of a page. */
public record MessageCursor(Instant createdAt, String id) {

    public static MessageCursor after(Message last) {
        return new MessageCursor(last.createdAt(), last.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String raw = micros + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this API issued */
    public static MessageCursor decode(String cursor) {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int slash = raw.indexOf('/');
        if (slash <= 0 || slash == raw.length() - 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        long micros = Long.parseLong(raw.substring(0, slash));
        return new MessageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), raw.substring(slash + 1));
    }
}
