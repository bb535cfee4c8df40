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
 * instance, and every tree is read-only ({@link CompactMap#readOnly}): a writer gets an
 * {@link UnsupportedOperationException}, never a change seen by every other object sharing the branch.
 * <p>
 * A branch that names an owner reference by its uid, and every branch above it, belongs to one object: it is held
 * read-only as well but not interned (an interner's entry, ~80 bytes, for a branch no other object would share: some
 * ten per session).
 * <p>
 * Read-only is safe for JOSDK 5.2.1: {@code SSABasedGenericKubernetesResourceMatcher} only iterates and looks up the
 * tree (it prunes a map copy of the object, never the tree), and the dispatcher only swaps an object's managedFields
 * list. Weak interners: a branch no decoded object holds any more is collected.
 */
public final class SharedFieldSets {

    /** How server-side apply keys an owner reference: by its uid, one per owner. */
    static final String OWNER_UID_KEY = "k:{\"uid\":";

    private static final Interner<Map<String, Object>> BRANCHES = Interner.newWeakInterner();
    private static final Interner<FieldsV1> TREES = Interner.newWeakInterner();
    private static final Interner<String> KEYS = Interner.newWeakInterner();

    private SharedFieldSets() {
    }

    /** The shared, read-only {@link FieldsV1} with the content of {@code decoded} (which is left as it is). */
    public static FieldsV1 of(Map<String, Object> decoded) {
        FieldsV1 tree = new FieldsV1();
        Branch root = branch(decoded);
        tree.setAdditionalProperties(root.fields());
        return root.ofOneObject() ? tree : TREES.intern(tree);
    }

    /** A read-only branch, and whether it names one object's own (an owner reference's uid) here or below. */
    private record Branch(Map<String, Object> fields, boolean ofOneObject) {
    }

    @SuppressWarnings("unchecked")
    private static Branch branch(Map<String, Object> decoded) {
        if (decoded.isEmpty()) {
            return new Branch(Collections.emptyMap(), false);
        }
        // insertion order kept: the matcher reads a branch's first key to tell a keyed list from a field
        Map<String, Object> copy = new LinkedHashMap<>(decoded.size() * 4 / 3 + 1);
        boolean ofOneObject = false;
        for (Map.Entry<String, Object> field : decoded.entrySet()) {
            boolean ownerKey = field.getKey().startsWith(OWNER_UID_KEY);
            Object value = field.getValue();
            if (value instanceof Map<?, ?> map) {
                Branch below = branch((Map<String, Object>) map);
                ofOneObject |= below.ofOneObject();
                value = below.fields();
            } else if (value instanceof List<?> list) {
                value = list.stream().map(item -> item instanceof Map<?, ?> map ? branch((Map<String, Object>) map).fields() : item).toList();
            }
            ofOneObject |= ownerKey;
            copy.put(ownerKey ? field.getKey() : KEYS.intern(field.getKey()), value);
        }
        Map<String, Object> fields = CompactMap.readOnly(copy);
        return new Branch(ofOneObject ? fields : BRANCHES.intern(fields), ofOneObject);
    }
}
