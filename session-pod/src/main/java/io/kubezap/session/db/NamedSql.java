package io.kubezap.session.db;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL with {@code :name} parameters, rewritten for JDBC: each name becomes {@code ?}, in order. What is not a parameter
 * is kept as written: {@code ::type} casts, string literals ({@code '…'}, {@code ''} inside, {@code E'…'} with its
 * backslash escapes), quoted identifiers, {@code --} and {@code /* *}{@code /} comments, and {@code ??}, which the
 * PostgreSQL driver sends as PostgreSQL's {@code ?} operator (write {@code ??|} and {@code ??&} for the others). A lone
 * {@code ?} is refused: it would be a positional parameter. A backslash outside a literal keeps the next character as
 * written ({@code \:} is a colon).
 */
record NamedSql(String jdbc, List<String> names) {

    static NamedSql parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                end = literalEnd(sql, i, isEscapeString(sql, i));
            } else if (c == '"') {
                end = closing(sql, i + 1, "\"");
            } else if (c == '/' && next(sql, i) == '*') {
                end = closing(sql, i + 2, "*/");
            } else if (c == '-' && next(sql, i) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline + 1;
            } else if (c == '\\' && i + 1 < n) {
                out.append(sql.charAt(i + 1));
                i += 2;
                continue;
            } else if (c == ':' && next(sql, i) == ':') {
                end = i + 2;
            } else if (c == ':' && isNameChar(next(sql, i))) {
                end = i + 1;
                while (end < n && isNameChar(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
                continue;
            } else if (c == '?' && next(sql, i) == '?') {
                end = i + 2;
            } else if (c == '?') {
                throw new DatabaseException("A lone ? at " + i + " would be a positional parameter; write ?? for"
                        + " PostgreSQL's ? operator: " + sql, null);
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new NamedSql(out.toString(), List.copyOf(names));
    }

    private static char next(String sql, int i) {
        return i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '#';
    }

    /** {@code E'…'} (not {@code xE'…'}, where E ends a name). */
    private static boolean isEscapeString(String sql, int quote) {
        if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
            return false;
        }
        return quote == 1 || !Character.isLetterOrDigit(sql.charAt(quote - 2)) && sql.charAt(quote - 2) != '_';
    }

    /** Past the literal opened at {@code quote}; a doubled quote stays inside it. */
    private static int literalEnd(String sql, int quote, boolean backslashEscapes) {
        int i = quote + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'' && next(sql, i) == '\'') {
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new DatabaseException("Unterminated string literal at " + quote + ": " + sql, null);
    }

    private static int closing(String sql, int from, String close) {
        int at = sql.indexOf(close, from);
        if (at < 0) {
            throw new DatabaseException("Unterminated " + (close.equals("\"") ? "quoted identifier" : "comment")
                    + " in: " + sql, null);
        }
        return at + close.length();
    }
}
