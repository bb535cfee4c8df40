package io.kubezap.session.stream;

import io.kubezap.contract.StreamDropped;
import io.kubezap.session.event.StoredEvent;

import java.time.Duration;

/** Where one client's {@link EventStream} writes: an SSE response or a WebSocket. */
interface StreamWriter {

    /** True once the client can take another event (or went away), false when it took none for {@code timeout}. */
    boolean ready(Duration timeout) throws InterruptedException;

    /** The stream is set up and resumes after event {@code after}. */
    void opened(long after);

    /** {@code position}: where the client resumes once it has this event, its id unless it came late (then higher). */
    void send(StoredEvent event, long position);

    /** Keeps an idle connection open through proxies and notices gone clients; skipped when the client is behind. */
    void heartbeat();

    /** The stream's last word: why it ends and where to resume; then the connection closes. */
    void drop(StreamDropped reason);

    void fail(RuntimeException e);

    boolean closed();
}
