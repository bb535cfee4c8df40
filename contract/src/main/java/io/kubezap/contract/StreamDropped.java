package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The last thing a dropped event stream sends, from a session pod or the gateway ({@code event: stream.dropped} over
 * SSE, a frame with {@code "type": "stream.dropped"} over a WebSocket): why, and the id to resume after (as
 * {@code Last-Event-ID}) so nothing is missed.
 */
public record StreamDropped(String reason, String detail, long lastEventId) {

    public static final String EVENT = "stream.dropped";
    public static final String SLOW_CLIENT = "slow-client";

    /** Named in the JSON, so a WebSocket client tells it from an event. */
    @JsonProperty("type")
    public String type() {
        return EVENT;
    }

    /** The client could not keep up ({@code why}): it reconnects with the last id it got. */
    public static StreamDropped slowClient(long lastEventId, String why) {
        return new StreamDropped(SLOW_CLIENT, why + "; reconnect with Last-Event-ID to resume", lastEventId);
    }
}
