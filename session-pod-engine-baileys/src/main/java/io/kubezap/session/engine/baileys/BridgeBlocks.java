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
 * ({@code location}, {@code contacts}, {@code poll}, {@code groupInvite}, {@code event} as {@code calendarEvent}; times
 * as ISO-8601), in a {@code send} request
 * and a {@code message} event alike (PROTOCOL.md): the Java side of the adapter knows no kind by name, the bridge's
 * script maps each to Baileys' content.
 */
final class BridgeBlocks {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** A calendar event's block, which crosses the bridge renamed: a bridge line's own {@code event} names its kind. */
    private static final String EVENT = "event";
    private static final String EVENT_ON_THE_BRIDGE = "calendarEvent";

    private BridgeBlocks() {
    }

    static void put(MessageContent.Structured content, ObjectNode request) {
        ObjectNode block = JSON.valueToTree(MessageContent.Block.of(content));
        JsonNode event = block.remove(EVENT);
        if (event != null) {
            block.set(EVENT_ON_THE_BRIDGE, event);
        }
        request.setAll(block);
    }

    /** The structured kind a {@code message} event carries, or null when it carries none. */
    static MessageContent.Structured of(JsonNode line) {
        ObjectNode block = JSON.createObjectNode();
        line.properties().forEach(field -> block.set(field.getKey(), field.getValue()));
        block.remove(EVENT); // the line's kind
        JsonNode event = block.remove(EVENT_ON_THE_BRIDGE);
        if (event != null) {
            block.set(EVENT, event);
        }
        return JSON.convertValue(block, MessageContent.Block.class).content();
    }
}
