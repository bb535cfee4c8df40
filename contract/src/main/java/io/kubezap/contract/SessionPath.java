package io.kubezap.contract;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A path below one session's API ({@link SessionApi#SESSION}), read by one rule: the gateway judges a call by it and
 * forwards it in {@link #encoded()} spelling; the pod serves only paths spelled so ({@link #isPlain}). Servers read
 * {@code ;params}, empty segments, {@code .}, {@code ..} and percent-encodings each their own way (the gateway once
 * judged {@code …/;x} a plain read while the pod served it as the session's root, QR included): so no other spelling
 * reaches a route.
 * <p>
 * The reading: each segment's {@code ;params} dropped, the rest percent-decoded (UTF-8), empty and {@code .} segments
 * dropped, {@code ..} applied. Refused ({@link Refused}): a {@code ..} that climbs out of the session, and a segment
 * that is not UTF-8 or decodes to a {@code /}, {@code \}, {@code ;}, {@code %} or a control character.
 */
public final class SessionPath {

    public static final SessionPath ROOT = new SessionPath(List.of());
    /** What an encoded segment keeps as it is: RFC 3986's unreserved characters. */
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final List<String> segments;

    private SessionPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** {@code raw}, the path below the session as sent (no leading {@code /} needed), read by the rule above. */
    public static SessionPath of(String raw) {
        List<String> segments = new ArrayList<>();
        for (String written : raw.split("/", -1)) {
            String segment = decoded(written.split(";", -1)[0], raw);
            if ("..".equals(segment)) {
                if (segments.isEmpty()) {
                    throw new Refused("'..' climbs out of the session in '" + raw + "'");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !".".equals(segment)) {
                segments.add(segment);
            }
        }
        return new SessionPath(segments);
    }

    /**
     * Whether {@code raw} is already in the one spelling of what it means: no {@code ;params}, no empty, {@code .} or
     * {@code ..} segment, nothing refused; percent-encoding of any other character is free. Empty is the root.
     */
    public static boolean isPlain(String raw) {
        if (raw.isEmpty()) {
            return true;
        }
        try {
            List<String> asWritten = Arrays.stream(raw.split("/", -1)).map(segment -> decoded(segment, raw)).toList();
            return asWritten.equals(of(raw).segments);
        } catch (Refused refused) {
            return false;
        }
    }

    /** One value as one segment: every character but the unreserved ones percent-encoded (UTF-8). */
    public static String encodeSegment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0 && UNRESERVED.indexOf(b) >= 0) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** The decoded segments, none empty. */
    public List<String> segments() {
        return segments;
    }

    /** The session itself: its state, which holds the codes that link a phone. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The first segment in lower case ({@code ""} at the root): what the call is about. */
    public String first() {
        return segments.isEmpty() ? "" : segments.getFirst().toLowerCase(Locale.ROOT);
    }

    /** The plain spelling, without a leading {@code /}; {@code ""} for the root. */
    public String encoded() {
        return segments.stream().map(SessionPath::encodeSegment).collect(Collectors.joining("/"));
    }

    /** The decoded segments joined by {@code /}, for patterns and messages. */
    @Override
    public String toString() {
        return String.join("/", segments);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionPath path && path.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    private static String decoded(String segment, String raw) {
        String value = percentDecoded(segment, raw);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || c == ';' || c == '%' || Character.isISOControl(c)) {
                throw new Refused("a segment of '" + raw + "' encodes " + visible(c) + ", which servers read apart");
            }
        }
        return value;
    }

    private static String percentDecoded(String segment, String raw) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int at = 0;
        while (at < segment.length()) {
            int percent = segment.indexOf('%', at);
            int end = percent < 0 ? segment.length() : percent;
            bytes.writeBytes(segment.substring(at, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int value = percent + 2 < segment.length() ? hex(segment.charAt(percent + 1), segment.charAt(percent + 2)) : -1;
            if (value < 0) {
                throw new Refused("'" + raw + "' has a '%' that starts no percent-encoding");
            }
            bytes.write(value);
            at = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new Refused("'" + raw + "' percent-encodes bytes that are not UTF-8");
        }
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static String visible(char c) {
        return Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /** A path no server can be trusted to read as this rule does: both the gateway and the pod answer it 400. */
    public static final class Refused extends IllegalArgumentException {

        public Refused(String why) {
            super(why);
        }

        public Problem problem() {
            return Problem.of("ambiguous-path", "Ambiguous path", 400, "The path is refused: " + getMessage()
                    + ". Spell each segment once, without ';', '.', '..', empty segments or an encoded '/', '\\', ';' or '%'",
                    List.of());
        }
    }
}
