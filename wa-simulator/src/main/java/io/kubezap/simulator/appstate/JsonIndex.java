package io.kubezap.simulator.appstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** An app-state index: a JSON array of strings, such as {@code ["archive","5511…@s.whatsapp.net"]}. */
final class JsonIndex {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonIndex() {
    }

    static String of(String... parts) {
        try {
            return JSON.writeValueAsString(List.of(parts));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static List<String> parse(String index) {
        try {
            return JSON.readValue(index, new TypeReference<>() {
            });
        } catch (JsonProcessingException notAnArray) {
            return List.of(index);
        }
    }
}
