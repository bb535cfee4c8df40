package io.kubezap.operator.cache;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An insertion-ordered map that holds a few entries in one array: what the operator's client decodes every map of the
 * objects it reads into (labels, annotations, selectors, a Secret's data, a field tree's branches). Those are small —
 * 2.5 entries on average, some thirty per session — and a {@link LinkedHashMap} of three entries takes ~260 bytes
 * (the map, a 16-slot table, an entry object per key, an entry-set view once iterated), this one ~72. Past
 * {@value #LARGEST_COMPACT} entries it moves them into a {@code LinkedHashMap}, so a large map (a ConfigMap's data)
 * keeps constant-time look-ups.
 * <p>
 * Behaves as a {@code LinkedHashMap} in insertion order: {@code null} keys and values, iteration order, entries whose
 * {@code setValue} writes through, removal through iterators (fail-fast on other changes), and {@code equals} and
 * {@code hashCode} of any {@link Map}. Not thread-safe, as {@code LinkedHashMap} is not. {@link #readOnly} makes one
 * that refuses every change (the shared branches of {@link SharedFieldSets}).
 */
public final class CompactMap<K, V> extends AbstractMap<K, V> {

    static final int LARGEST_COMPACT = 8;
    private static final Object[] NONE = {};

    /** Keys at even indexes, each followed by its value; {@code size} pairs are in use. */
    private Object[] pairs = NONE;
    private int size;
    /** Every entry once there are more than {@link #LARGEST_COMPACT}; {@code pairs} is then unused. */
    private LinkedHashMap<K, V> large;
    private boolean readOnly;
    private int changes;

    public CompactMap() {
    }

    /** A read-only copy of {@code entries}, in their order. */
    public static <K, V> CompactMap<K, V> readOnly(Map<? extends K, ? extends V> entries) {
        CompactMap<K, V> copy = new CompactMap<>();
        if (entries.size() <= LARGEST_COMPACT) {
            copy.pairs = new Object[entries.size() * 2];
        }
        copy.putAll(entries);
        copy.readOnly = true;
        return copy;
    }

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (large != null) {
            return large.get(key);
        }
        int index = indexOf(key);
        return index < 0 ? null : (V) pairs[index + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        writable();
        if (large != null) {
            return large.put(key, value);
        }
        int index = indexOf(key);
        if (index >= 0) {
            V old = (V) pairs[index + 1];
            pairs[index + 1] = value;
            return old;
        }
        changes++;
        if (size == LARGEST_COMPACT) {
            large = new LinkedHashMap<>();
            forEachPair(large::put);
            pairs = NONE;
            size = 0;
            large.put(key, value);
            return null;
        }
        if (2 * size == pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(4, Math.min(2 * pairs.length, 2 * LARGEST_COMPACT)));
        }
        pairs[2 * size] = key;
        pairs[2 * size + 1] = value;
        size++;
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        writable();
        if (large != null) {
            return large.remove(key);
        }
        int index = indexOf(key);
        if (index < 0) {
            return null;
        }
        V old = (V) pairs[index + 1];
        removeAt(index);
        return old;
    }

    @Override
    public void clear() {
        writable();
        if (large != null) {
            large.clear();
            return;
        }
        Arrays.fill(pairs, 0, 2 * size, null);
        size = 0;
        changes++;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        if (large != null) {
            return readOnly ? Collections.unmodifiableMap(large).entrySet() : large.entrySet();
        }
        return new Entries();
    }

    @SuppressWarnings("unchecked")
    private void forEachPair(BiConsumer<K, V> action) {
        for (int i = 0; i < 2 * size; i += 2) {
            action.accept((K) pairs[i], (V) pairs[i + 1]);
        }
    }

    private int indexOf(Object key) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (Objects.equals(key, pairs[i])) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int index) {
        System.arraycopy(pairs, index + 2, pairs, index, 2 * size - index - 2);
        size--;
        pairs[2 * size] = null;
        pairs[2 * size + 1] = null;
        changes++;
    }

    private void writable() {
        if (readOnly) {
            throw new UnsupportedOperationException("a shared, read-only map");
        }
    }

    private final class Entries extends AbstractSet<Entry<K, V>> {

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<Entry<K, V>> iterator() {
            return new Iterator<>() {
                private int next;
                private int last = -1;
                private int expectedChanges = changes;

                @Override
                public boolean hasNext() {
                    return next < 2 * size;
                }

                @Override
                public Entry<K, V> next() {
                    if (expectedChanges != changes) {
                        throw new ConcurrentModificationException();
                    }
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    last = next;
                    next += 2;
                    return new PairEntry(last);
                }

                @Override
                public void remove() {
                    if (last < 0) {
                        throw new IllegalStateException();
                    }
                    if (expectedChanges != changes) {
                        throw new ConcurrentModificationException();
                    }
                    writable();
                    removeAt(last);
                    next = last;
                    last = -1;
                    expectedChanges = changes;
                }
            };
        }
    }

    /** An entry that reads and writes its pair; as a {@code LinkedHashMap}'s, it follows the map while the key stays. */
    private final class PairEntry implements Entry<K, V> {

        private final int index;

        PairEntry(int index) {
            this.index = index;
        }

        @Override
        @SuppressWarnings("unchecked")
        public K getKey() {
            return (K) pairs[index];
        }

        @Override
        @SuppressWarnings("unchecked")
        public V getValue() {
            return (V) pairs[index + 1];
        }

        @Override
        public V setValue(V value) {
            writable();
            V old = getValue();
            pairs[index + 1] = value;
            return old;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry<?, ?> entry && Objects.equals(getKey(), entry.getKey())
                    && Objects.equals(getValue(), entry.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
