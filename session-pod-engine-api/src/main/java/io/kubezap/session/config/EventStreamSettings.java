package io.kubezap.session.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Live streams ({@code KUBEZAP_EVENTS_STREAM_*}). What a stream holds in memory is bounded: it reads a page of
 * stored events at a time and sends the next event only when the client has taken the previous one, all streams
 * together hold at most {@link #maxBufferedEvents()} events, and a client that takes nothing for
 * {@link #stallTimeout()} is dropped with a reason.
 */
public interface EventStreamSettings {

    /** A comment line (SSE) or a ping (WebSocket) this often keeps idle connections open through proxies and notices gone clients. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Stored events one stream reads from the database at a time (its own bound). */
    @WithDefault("100")
    int pageSize();

    /** Events all streams together may hold in memory (read, not yet sent); a page waits its turn for room. */
    @WithDefault("2000")
    int maxBufferedEvents();

    /** Streams that may read the database at the same time, so REST requests always find a connection. */
    @WithDefault("1")
    int concurrentReads();

    /** A client that takes no event for this long is dropped. */
    @WithDefault("30s")
    Duration stallTimeout();

    /** Open streams at most; one more is refused with 503. */
    @WithDefault("1000")
    int maxStreams();
}
