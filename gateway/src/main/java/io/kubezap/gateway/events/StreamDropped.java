package io.kubezap.gateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The last thing a dropped stream sends ({@code stream.dropped}, as a session pod's stream does): why, and the id
 * to resume after, so nothing is missed.
 */
public record StreamDropped(String reason, String detail, long lastEventId) {

    public static final String EVENT = "stream.dropped";

    /** Named in the JSON, so a WebSocket client tells it from an event. */
    @JsonProperty("type")
    public String type() {
        return EVENT;
    }

    static StreamDropped slowClient(long lastEventId) {
        return new StreamDropped("slow-client",
                "the client read slower than events came; reconnect with Last-Event-ID to resume", lastEventId);
    }
}
