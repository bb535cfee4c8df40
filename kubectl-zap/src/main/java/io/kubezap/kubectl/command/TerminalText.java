package io.kubezap.kubectl.command;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * What a tenant wrote (a session's name, a condition's reason and message, a pod's answer) as it reaches the admin's
 * terminal: control characters (C0, DEL, C1: ESC, CSI, BEL, carriage return, newline) and the marks that reorder text
 * (bidi overrides) are shown escaped ({@code \x1B}, {@code \u202E}), never sent, so no tenant moves the cursor, clears
 * the screen, retitles the window or fakes a line (issue 79 S11).
 */
final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control and reordering mark escaped visibly; null as it is. */
    static String visible(String text) {
        if (text == null || text.chars().noneMatch(TerminalText::unsafe)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> shown.append(unsafe(c) ? escaped(c) : String.valueOf((char) c)));
        return shown.toString();
    }

    /** For {@code -o json}: JSON escapes C0 already; DEL, C1 and the reordering marks are escaped as well. */
    static CharacterEscapes json() {
        return new JsonEscapes();
    }

    private static boolean unsafe(int c) {
        return Character.isISOControl(c) || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069;
    }

    private static String escaped(int c) {
        return c < 0x100 ? String.format("\\x%02X", c) : String.format("\\u%04X", c);
    }

    private static final class JsonEscapes extends CharacterEscapes {

        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        JsonEscapes() {
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return unsafe(c) ? new SerializedString(String.format("\\u%04X", c)) : null;
        }
    }
}
