package io.kubezap.session.stream;

/**
 * The last thing a dropped stream sends ({@code event: stream.dropped} over SSE, a frame with
 * {@code "type": "stream.dropped"} over a WebSocket): why, and the id to resume after (as {@code Last-Event-ID})
 * so nothing is missed.
 */
public record StreamDropped(String reason, String detail, long lastEventId) {

    public static final String EVENT = "stream.dropped";

    static StreamDropped slowClient(long after, java.time.Duration stall) {
        return new StreamDropped("slow-client", "the client took no event for " + stall.toSeconds()
                + " s; reconnect with Last-Event-ID to resume", after);
    }
}
