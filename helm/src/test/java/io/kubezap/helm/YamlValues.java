package io.kubezap.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helm values as maps: read, write and merged the way Helm layers a values file over the chart's defaults. */
final class YamlValues {

    private static final YAMLMapper YAML = new YAMLMapper();

    private YamlValues() {
    }

    static Map<String, Object> read(Path file) throws IOException {
        Map<String, Object> values = YAML.readValue(file.toFile(), new TypeReference<>() {
        });
        return values == null ? Map.of() : values;
    }

    static void write(Map<String, Object> values, Path file) throws IOException {
        YAML.writeValue(file.toFile(), values);
    }

    /** Maps merge key by key; any other value (lists included) in {@code overrides} replaces the default. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        overrides.forEach((key, override) -> merged.merge(key, override, (base, value) ->
                base instanceof Map && value instanceof Map
                        ? merge((Map<String, Object>) base, (Map<String, Object>) value)
                        : value));
        return merged;
    }
}
