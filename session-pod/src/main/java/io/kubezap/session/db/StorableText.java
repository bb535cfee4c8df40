package io.kubezap.session.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.array.SqlArrayType;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Base64;

/**
 * PostgreSQL's text cannot hold NUL (U+0000): a statement binding one fails ({@code invalid byte sequence for encoding
 * "UTF8": 0x00}), and with it the message a stranger sent, its event and its webhook. Every string the session binds
 * passes here (registered on its Jdbi), so a NUL becomes U+FFFD, the replacement character, and the row is kept. A
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

    /** Strings and arrays of strings bound through {@code jdbi} are stored with NUL replaced. */
    static void applyTo(Jdbi jdbi) {
        jdbi.registerArgument(new StorableStrings());
        jdbi.registerArrayType(new StorableStringArrays());
    }

    private static final class StorableStrings extends AbstractArgumentFactory<String> {

        StorableStrings() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(String value, ConfigRegistry config) {
            String storable = storable(value);
            return (position, statement, context) -> statement.setString(position, storable);
        }
    }

    private static final class StorableStringArrays implements SqlArrayType<String> {

        @Override
        public String getTypeName() {
            return "text";
        }

        @Override
        public Object convertArrayElement(String element) {
            return storable(element);
        }

        @Override
        public Class<?> getArrayElementClass() {
            return String.class;
        }
    }
}
