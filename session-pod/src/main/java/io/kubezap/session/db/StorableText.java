package io.kubezap.session.db;


import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PostgreSQL's text cannot hold NUL (U+0000): a statement binding one fails ({@code invalid byte sequence for encoding
 * "UTF8": 0x00}), and with it the message a stranger sent, its event and its webhook. Every string the session binds
 * passes here (bound by {@link JdbcValue}), so a NUL becomes U+FFFD, the replacement character, and the row is kept. A
 * message's text as it came is kept beside it ({@link #asSent}).
 */
public final class StorableText {

    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    public static String storable(String text) {
        return isStorable(text) ? text : text.replace('\0', REPLACEMENT);
    }

    public static boolean isStorable(String text) {
        return text == null || text.indexOf('\0') < 0;
    }

    /** Base64 of the text's UTF-8 bytes when it holds what {@link #storable} replaces; null otherwise. */
    public static String asSent(String text) {
        return isStorable(text) ? null : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
