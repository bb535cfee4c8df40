package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kubezap.session.engine.MessageContent;

/**
 * A structured kind crosses the bridge as its {@link MessageContent.Block}, the fields the API shows
 * ({@code location}, {@code contacts}, {@code poll}, {@code groupInvite}; times as ISO-8601), in a {@code send} request
 * and a {@code message} event alike (PROTOCOL.md): the Java side of the adapter knows no kind by name, the bridge's
 * script maps each to Baileys' content.
 */
final class BridgeBlocks {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private BridgeBlocks() {
    }

    static void put(MessageContent.Structured content, ObjectNode request) {
        request.setAll((ObjectNode) JSON.valueToTree(MessageContent.Block.of(content)));
    }

    /** The structured kind a {@code message} event carries, or null when it carries none. */
    static MessageContent.Structured of(JsonNode line) {
        return JSON.convertValue(line, MessageContent.Block.class).content();
    }
}
