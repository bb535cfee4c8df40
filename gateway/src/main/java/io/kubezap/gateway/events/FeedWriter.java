package io.kubezap.gateway.events;

import io.kubezap.contract.StreamDropped;

/** Where one client's stream writes: an SSE response or a WebSocket. */
interface FeedWriter {

    /** The stream is set up (an SSE response starts with a comment, so the client sees its headers at once). */
    void opened();

    /** Sends when the client can take it; false when it went away or took nothing for the stall timeout. */
    boolean send(FeedEvent event) throws InterruptedException;

    /** Keeps an idle connection open through proxies (an SSE comment, a WebSocket ping). */
    void heartbeat();

    /** The stream's last word: why it ends and where to resume; then the connection closes. */
    void drop(StreamDropped reason);

    boolean closed();
}
