package io.kubezap.gateway.events;

/**
 * One event of one session, as the gateway's streams send it: {@code json} is the whole event ({@code id},
 * {@code namespace}, {@code session}, {@code type}, {@code occurredAt}, {@code payload}) rendered once by the
 * database, so a hundred clients cost one rendering, not a hundred.
 */
public record FeedEvent(long id, String namespace, String session, String type, String json) {
}
