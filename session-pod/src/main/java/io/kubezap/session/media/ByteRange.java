package io.kubezap.session.media;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}.
 * A header this does not understand (several ranges, other units) is ignored, so the whole file is sent, as the RFC
 * allows; a range that starts beyond the file is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    public long length() {
        return last - first + 1;
    }

    /** Empty: send the whole file. Throws {@link Unsatisfiable} for a range that misses it. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size || last < first) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(first, last));
    }

    public static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("range not satisfiable");
        }
    }
}
