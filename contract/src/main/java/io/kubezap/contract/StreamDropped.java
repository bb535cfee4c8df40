package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The last thing a dropped event stream sends, from a session pod or the gateway ({@code event: stream.dropped} over
 * SSE, a frame with {@code "type": "stream.dropped"} over a WebSocket): why, and the id to resume after (as
 * {@code Last-Event-ID}) so nothing is missed.
 */
@JsonPropertyOrder({"type", "reason", "detail", "lastEventId"})
public record StreamDropped(String reason, String detail, long lastEventId) {

    public static final String EVENT = "stream.dropped";
    public static final String SLOW_CLIENT = "slow-client";
    public static final String REPLAY_LIMIT = "replay-limit";

    /** Named in the JSON, so a WebSocket client tells it from an event. */
    @JsonProperty("type")
    public String type() {
        return EVENT;
    }

    /** A resumed stream replayed its most ({@code max}) events: the client reconnects from there for the rest. */
    public static StreamDropped replayLimit(long lastEventId, int max) {
        return new StreamDropped(REPLAY_LIMIT, "a stream replays at most " + max
                + " events; reconnect with Last-Event-ID to resume", lastEventId);
    }

    /** The client could not keep up ({@code why}): it reconnects with the last id it got. */
    public static StreamDropped slowClient(long lastEventId, String why) {
        return new StreamDropped(SLOW_CLIENT, why + "; reconnect with Last-Event-ID to resume", lastEventId);
    }
}
