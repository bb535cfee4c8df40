package io.kubezap.operator.cache;

/**
 * One instance per short string value that repeats across the objects the operator reads: the namespace, label
 * values, owner references' kind and apiVersion, condition types and reasons, a managedFields entry's manager and
 * operation… Every decoded value is a new {@code String} (24 bytes, its characters shared only by the collector's
 * string deduplication), some hundred per session. A fixed table of recently seen values, indexed by hash: a value
 * found there is returned instead of the new one; a value not found takes its slot. Values that never repeat (uids,
 * resource versions, timestamps) only pass through; the table holds at most {@value #SLOTS} strings of at most
 * {@value #LONGEST} characters. Reads and writes of a slot race harmlessly: a {@code String} is immutable, and a slot
 * lost to another thread only means one more copy.
 */
final class RepeatedStrings {

    static final int SLOTS = 1 << 16;
    static final int LONGEST = 64;

    private static final String[] TABLE = new String[SLOTS];

    private RepeatedStrings() {
    }

    static String shared(String value) {
        if (value == null || value.length() > LONGEST) {
            return value;
        }
        int slot = spread(value.hashCode()) & (SLOTS - 1);
        String seen = TABLE[slot];
        if (value.equals(seen)) {
            return seen;
        }
        TABLE[slot] = value;
        return value;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
