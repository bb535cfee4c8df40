package io.kubezap.session.schema;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * A migration version as Flyway writes and orders it: {@code V25__x.sql} is {@code 25}, {@code V1_2__x.sql} is
 * {@code 1.2}; parts compare as numbers and trailing zeros do not count ({@code 1.0} equals {@code 1}).
 */
record SchemaVersion(String text, List<BigInteger> parts) implements Comparable<SchemaVersion> {

    static SchemaVersion parse(String version) {
        String text = version.replace('_', '.');
        return new SchemaVersion(text, Arrays.stream(text.split("\\.")).map(BigInteger::new).toList());
    }

    /** The version of a versioned migration script ({@code V<version>__<description>.sql}). */
    static SchemaVersion ofScript(String fileName) {
        int separator = fileName.indexOf("__");
        if (!fileName.startsWith("V") || separator < 2) {
            throw new IllegalArgumentException("not a versioned migration script: " + fileName);
        }
        return parse(fileName.substring(1, separator));
    }

    @Override
    public int compareTo(SchemaVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            int order = part(i).compareTo(other.part(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private BigInteger part(int index) {
        return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        List<BigInteger> significant = parts;
        while (significant.size() > 1 && significant.getLast().signum() == 0) {
            significant = significant.subList(0, significant.size() - 1);
        }
        return significant.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
