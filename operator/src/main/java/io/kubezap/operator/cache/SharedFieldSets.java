package io.kubezap.operator.cache;

import com.github.benmanes.caffeine.cache.Interner;
import io.fabric8.kubernetes.api.model.FieldsV1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fieldsV1} trees of {@code managedFields} entries, held once per distinct content. The entry the operator
 * keeps on every object it applied (its own server-side-apply entry, which JOSDK's matcher reads) names the same
 * fields on every session's StatefulSet, Secret and Service — one map per field, hundreds per StatefulSet — and only a
 * few branches differ (an owner reference's uid). Decoded through here, every branch with the same content is one
 * instance, and every tree is read-only: a writer gets an {@link UnsupportedOperationException}, never a change seen by
 * every other object sharing the branch.
 * <p>
 * Read-only is safe for JOSDK 5.2.1: {@code SSABasedGenericKubernetesResourceMatcher} only iterates and looks up the
 * tree (it prunes a map copy of the object, never the tree), and the dispatcher only swaps an object's managedFields
 * list. Weak interners: a branch no decoded object holds any more (a deleted session's uid) is collected.
 */
public final class SharedFieldSets {

    private static final Interner<Map<String, Object>> BRANCHES = Interner.newWeakInterner();
    private static final Interner<FieldsV1> TREES = Interner.newWeakInterner();
    private static final Interner<String> KEYS = Interner.newWeakInterner();

    private SharedFieldSets() {
    }

    /** The shared, read-only {@link FieldsV1} with the content of {@code decoded} (which is left as it is). */
    public static FieldsV1 of(Map<String, Object> decoded) {
        FieldsV1 tree = new FieldsV1();
        tree.setAdditionalProperties(branch(decoded));
        return TREES.intern(tree);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> branch(Map<String, Object> decoded) {
        if (decoded.isEmpty()) {
            return Collections.emptyMap();
        }
        // insertion order kept: the matcher reads a branch's first key to tell a keyed list from a field
        Map<String, Object> copy = new LinkedHashMap<>(decoded.size() * 4 / 3 + 1);
        decoded.forEach((key, value) -> copy.put(KEYS.intern(key), shared(value)));
        return BRANCHES.intern(Collections.unmodifiableMap(copy));
    }

    @SuppressWarnings("unchecked")
    private static Object shared(Object value) {
        if (value instanceof Map<?, ?> map) {
            return branch((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SharedFieldSets::shared).toList();
        }
        return value;
    }
}
