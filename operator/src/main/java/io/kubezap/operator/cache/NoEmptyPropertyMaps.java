package io.kubezap.operator.cache;

import io.fabric8.kubernetes.api.model.FieldsV1;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Every fabric8 model object carries a map for the fields its model does not know ({@code additionalProperties}), a
 * new, empty {@code LinkedHashMap} in nearly every object decoded: some ninety per session (a StatefulSet's
 * containers, env entries, probes, volumes…), 64 bytes each, 55 MiB at 10,000 sessions. Decoded through here, an
 * object whose map is empty holds the one shared empty, read-only map instead; reading is unchanged (models, builders
 * and serialisation only read it, and a builder copies it), a write fails loudly.
 */
final class NoEmptyPropertyMaps {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final MethodType GETTER = MethodType.methodType(Map.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Map.class);

    private final MethodHandle getter;
    private final MethodHandle setter;

    private NoEmptyPropertyMaps(MethodHandle getter, MethodHandle setter) {
        this.getter = getter;
        this.setter = setter;
    }

    /**
     * For a fabric8 model class with an {@code additionalProperties} map: a {@link FieldsV1}'s map is its content, and
     * is shared by {@link SharedFieldSets} instead.
     */
    static Optional<NoEmptyPropertyMaps> forClass(Class<?> type) {
        if (!type.getName().startsWith(MODEL_PACKAGE) || type == FieldsV1.class) {
            return Optional.empty();
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return Optional.of(new NoEmptyPropertyMaps(
                    lookup.findVirtual(type, "getAdditionalProperties", GETTER),
                    lookup.findVirtual(type, "setAdditionalProperties", SETTER)));
        } catch (NoSuchMethodException | IllegalAccessException notAModelObject) {
            return Optional.empty();
        }
    }

    /** {@code decoded}, its empty map replaced by the shared one. */
    Object apply(Object decoded) {
        if (decoded == null) {
            return null;
        }
        try {
            Map<?, ?> properties = (Map<?, ?>) getter.invoke(decoded);
            if (properties != null && properties.isEmpty()) {
                setter.invoke(decoded, Collections.emptyMap());
            }
            return decoded;
        } catch (Throwable unexpected) {
            throw new IllegalStateException("cannot share the empty additionalProperties of " + decoded.getClass(), unexpected);
        }
    }
}
