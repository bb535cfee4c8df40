package io.kubezap.system.apiserver;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor.NAME;
import static io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor.NAMESPACE;
import static io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor.PLURAL;

/**
 * The keys of the objects a CRUD dispatcher stores, filed by plural, namespace and name, so that a query is shown only
 * the keys that can match it: a query that names a plural, namespace or name is only matched by keys that have that
 * very value. It narrows, it does not decide: callers still match each candidate against the query. (A stored
 * value of {@code *}, which no object name or path segment has, would match every query and is not looked for.)
 */
final class StoredKeyIndex {

    /** A key that has no plural, namespace or name is filed under this one. */
    private static final String NONE = "";
    /** A null value (a create with generateName looks for name null before it makes one up) is filed under this one. */
    private static final String NULL_VALUE = "\0null";
    /** The mock server's wildcard value: equal to every value, so it cannot pick a file. */
    private static final String ANY_VALUE = "*";

    /** plural → namespace → name → the keys stored there (more than one when API groups or versions differ) */
    private final Map<String, Map<String, Map<String, List<StoredKey>>>> files = new HashMap<>();
    private long stores;

    /** The stock map keeps insertion order and lists in it; the order in which keys were stored keeps that answer. */
    private record StoredKey(AttributeSet key, long order) {
    }

    void add(AttributeSet key) {
        files.computeIfAbsent(value(key, PLURAL), plural -> new HashMap<>())
                .computeIfAbsent(value(key, NAMESPACE), namespace -> new HashMap<>())
                .computeIfAbsent(value(key, NAME), name -> new ArrayList<>())
                .add(new StoredKey(key, stores++));
    }

    void remove(AttributeSet key) {
        var namespaces = files.get(value(key, PLURAL));
        var names = namespaces == null ? null : namespaces.get(value(key, NAMESPACE));
        var keys = names == null ? null : names.get(value(key, NAME));
        if (keys == null || !keys.removeIf(stored -> stored.key().equals(key))) {
            throw new IllegalStateException("not in the index: " + key);
        }
        if (keys.isEmpty()) {
            names.remove(value(key, NAME));
        }
        if (names.isEmpty()) {
            namespaces.remove(value(key, NAMESPACE));
        }
        if (namespaces.isEmpty()) {
            files.remove(value(key, PLURAL));
        }
    }

    void clear() {
        files.clear();
    }

    /** Every key that can match the query, in the order they were stored; all keys when the query names no plural. */
    List<AttributeSet> candidates(AttributeSet query) {
        return select(files, wanted(query, PLURAL))
                .flatMap(namespaces -> select(namespaces, wanted(query, NAMESPACE)))
                .flatMap(names -> select(names, wanted(query, NAME)))
                .flatMap(List::stream)
                .sorted(Comparator.comparingLong(StoredKey::order))
                .map(StoredKey::key)
                .toList();
    }

    private static <T> Stream<T> select(Map<String, T> files, Optional<String> wanted) {
        return wanted.map(value -> Stream.ofNullable(files.get(value))).orElseGet(() -> files.values().stream());
    }

    /** The one value a query requires of an attribute, if it requires exactly one (not a selector or a wildcard). */
    private static Optional<String> wanted(AttributeSet query, String name) {
        Attribute attribute = query.getAttribute(name);
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
            return Optional.empty();
        }
        String value = file(attribute);
        return ANY_VALUE.equals(value) ? Optional.empty() : Optional.of(value);
    }

    private static String value(AttributeSet key, String name) {
        Attribute attribute = key.getAttribute(name);
        return attribute == null || attribute.getValues().size() != 1 ? NONE : file(attribute);
    }

    private static String file(Attribute singleValued) {
        return Objects.requireNonNullElse(singleValued.getValues().getFirst().toString(), NULL_VALUE);
    }
}
